package io.hitch.peers;

import io.hitch.api.Peer;
import io.hitch.api.RelayPolicy;
import io.hitch.api.Route;
import io.hitch.api.RouteException;
import io.hitch.api.RouteHandler;
import io.hitch.config.HitchConfig;
import io.hitch.dispatch.BuiltIn;
import io.hitch.dispatch.NotificationHandler;
import io.hitch.protocol.ErrorCode;
import io.hitch.protocol.FrameEncoder;
import io.hitch.protocol.RouteNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The built-in route {@code hitch.relay}: one client calls a route on another through the server.
 * The target gets the request with a {@code from} member naming the caller; its reply or error goes
 * back to the caller under the caller's id. Without an id, the call is forwarded as a notification.
 */
@Route("hitch.relay")
@BuiltIn
@ApplicationScoped
public class Relay implements RouteHandler<Relay.Call, CompletionStage<JsonValue>>, NotificationHandler<Relay.Call> {

    /**
     * The data of a {@code hitch.relay} request.
     *
     * @param peer      the target's peer id
     * @param route     the route to call on the target
     * @param data      the data for the target, passed through untouched
     * @param timeoutMs how long to wait for the target, at most {@code hitch.request-timeout-ms}
     */
    public record Call(@NotBlank String peer, @NotBlank String route, JsonValue data,
                       @Positive @DecimalMax("3600000") @Digits(integer = 7, fraction = 0) BigDecimal timeoutMs) {
    }

    @Inject
    PeerRegistry registry;
    @Inject
    HitchConfig config;
    @Inject
    Instance<RelayPolicy> policies;

    @Override
    public CompletionStage<JsonValue> handle(Call call, Peer caller) {
        Peer target = admit(call, caller);
        long limit = config.requestTimeoutMs();
        Duration timeout = Duration.ofMillis(call.timeoutMs() == null ? limit : Math.min(call.timeoutMs().longValueExact(), limit));
        if (target instanceof RemotePeer remote) {
            return registry.elsewhere().ask(remote.node(), remote.id(), call.route(), data(call), caller.id(), timeout, true);
        }
        return ((PeerSession) target).ask(call.route(), data(call), caller.id(), timeout);
    }

    /** A relay without an id forwards a notification: the target is not asked to answer. */
    @Override
    public void handleNotification(Call call, Peer caller) {
        Peer target = admit(call, caller);
        if (target instanceof RemotePeer remote) {
            registry.elsewhere().ask(remote.node(), remote.id(), call.route(), data(call), caller.id(),
                    Duration.ofMillis(config.requestTimeoutMs()), false);
        } else {
            ((PeerSession) target).send(FrameEncoder.request(call.route(), null, data(call), caller.id()));
        }
    }

    private static String data(Call call) {
        return call.data() == null ? null : call.data().toString();
    }

    // A target on another node (with a backplane) is found through presence; RelayPolicy beans see it
    // as a RemotePeer, which knows its id only.
    private Peer admit(Call call, Peer caller) {
        if (!RouteNames.isValid(call.route())) {
            throw new RouteException(ErrorCode.BAD_DATA, "route " + shorten(call.route()) + " is not a route name");
        }
        if (!config.relayAllows(call.route())) {
            throw forbidden(call.route());
        }
        PeerSession local = registry.session(call.peer());
        Peer target = local != null && local.isOpen() ? local
                : registry.elsewhere().nodeOf(call.peer()).map(node -> (Peer) new RemotePeer(call.peer(), node, registry)).orElse(null);
        if (target == null) {
            throw new RouteException(ErrorCode.UNAVAILABLE, "no peer " + shorten(call.peer()) + " is connected");
        }
        for (RelayPolicy policy : policies) {
            if (!policy.allows(caller, target, call.route())) {
                throw forbidden(call.route());
            }
        }
        return target;
    }

    private static RouteException forbidden(String route) {
        return new RouteException(ErrorCode.FORBIDDEN, "route " + shorten(route) + " may not be relayed");
    }

    private static String shorten(String text) {
        return "'" + (text.length() > 64 ? text.substring(0, 64) + "..." : text) + "'";
    }
}
