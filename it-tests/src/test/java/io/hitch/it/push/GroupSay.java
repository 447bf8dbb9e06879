package io.hitch.it.push;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code test.group.say} {group, text, excludeSelf}: pushes {@code test.said} {group, from, text} to
 * the group's members, the caller included unless {@code excludeSelf}; answers the member count.
 */
@Route("test.group.say")
@ApplicationScoped
public class GroupSay implements RouteHandler<GroupSay.Say, Integer> {

    /** The request. */
    public record Say(@NotBlank String group, String text, Boolean excludeSelf) {
    }

    /** The push every recipient gets. */
    public record Said(String group, String from, String text) {
    }

    @Inject
    Peers peers;

    @Override
    public Integer handle(Say say, Peer caller) {
        var group = peers.group(say.group());
        Said said = new Said(say.group(), caller.id(), say.text());
        if (Boolean.TRUE.equals(say.excludeSelf())) {
            group.broadcast("test.said", said, caller);
        } else {
            group.broadcast("test.said", said);
        }
        return group.size();
    }
}
