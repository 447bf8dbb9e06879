package io.hitch.dispatch;

import io.hitch.config.HitchConfig;
import io.hitch.protocol.FrameEncoder;
import io.hitch.protocol.RouteNames;

import java.util.stream.Collectors;

/** Builds the {@code hitch.welcome} push every connection gets first. */
public final class Welcome {

    /** The protocol name and version this server speaks. */
    public static final String PROTOCOL = "hitch/1";

    private final String prefix;
    private final String suffix;

    /**
     * @param routes the route table, announced to the client
     * @param config the limits and timings the client should know
     */
    public Welcome(RouteTable routes, HitchConfig config) {
        String names = routes.names().stream().map(FrameEncoder::string).collect(Collectors.joining(","));
        // Everything but the peer id is the same for every connection: built once.
        this.prefix = "{\"route\":\"" + RouteNames.WELCOME + "\",\"data\":{\"protocol\":\"" + PROTOCOL + "\",\"peer\":";
        this.suffix = ",\"routes\":[" + names + "],\"limits\":{\"maxFrameBytes\":" + config.maxFrameBytes()
                + ",\"maxInFlight\":" + config.maxInFlight() + "},\"heartbeatMs\":" + config.heartbeatMs()
                + ",\"requestTimeoutMs\":" + config.requestTimeoutMs() + "}}";
    }

    /**
     * @param welcome a frame from {@link #frameFor(String)}
     * @param token   the connection's resume token
     * @return the welcome with the token as its last member, {@code resume}
     */
    public static String withResumeToken(String welcome, String token) {
        return welcome.substring(0, welcome.length() - 2) + ",\"resume\":" + FrameEncoder.string(token) + "}}";
    }

    /**
     * @param peerId the connection's peer id
     * @return the welcome frame for it
     */
    public String frameFor(String peerId) {
        return prefix + FrameEncoder.string(peerId) + suffix;
    }
}
