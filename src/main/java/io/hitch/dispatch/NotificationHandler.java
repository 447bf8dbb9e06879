package io.hitch.dispatch;

import io.hitch.api.Peer;

/**
 * Implemented by a built-in route that handles notifications differently from requests (the relay
 * forwards them as notifications). Application routes handle both with {@code RouteHandler.handle}.
 *
 * @param <I> the type the data binds to
 */
public interface NotificationHandler<I> {

    /**
     * @param data   the bound, validated data
     * @param caller the connection that sent it
     */
    void handleNotification(I data, Peer caller);
}
