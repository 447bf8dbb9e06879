package io.hitch.dispatch;

/**
 * Told about every request and notification a route handled, for statistics and metrics. Called
 * on the answering thread: keep it cheap and non-blocking. Implement it in an application-scoped
 * bean; every such bean is called (see {@link #target()}).
 */
public interface DispatchListener {

    /**
     * A call passed the checks and its handler is about to run.
     *
     * @param caller the calling peer
     * @param route  the route name
     * @param data   the request data, as received
     */
    default void started(io.hitch.api.Peer caller, String route, jakarta.json.JsonValue data) {
    }

    /**
     * @param route     the route name
     * @param errorCode the error code of the answer, or null for a reply
     * @param nanos     the time from receipt to answer
     */
    void answered(String route, String errorCode, long nanos);

    /**
     * The object the dispatcher calls on every request. Called once, through the bean's client
     * proxy, this wraps the bean instance itself, so later calls skip the proxy (and interceptors
     * on a listener bean do not apply). Listeners must be application-scoped.
     *
     * @return the listener to call
     */
    default DispatchListener target() {
        // Not `this`: a client proxy hands back itself for a method that returns its instance.
        return new DirectListener(this);
    }
}
