package io.hitch.protocol;

import java.util.regex.Pattern;

/** The route name grammar: dot-separated segments of {@code [A-Za-z0-9_-]}, at most 128 characters. */
public final class RouteNames {

    /** The longest route name, in characters. */
    public static final int MAX_LENGTH = 128;
    /** Names with this prefix are reserved for the protocol's built-in routes. */
    public static final String RESERVED_PREFIX = "hitch.";
    /** The reply-carrying liveness check. */
    public static final String PING = "hitch.ping";
    /** The first push of every connection. */
    public static final String WELCOME = "hitch.welcome";
    /** The push that reports a frame that could not be answered with an error reply. */
    public static final String ERROR = "hitch.error";

    /** The request that resumes a previous connection's groups and missed pushes. */
    public static final String RESUME = "hitch.resume";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private RouteNames() {
    }

    /** @return whether {@code name} follows the grammar (reserved names included) */
    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
    }

    /** @return whether {@code name} is in the reserved {@code hitch.} namespace */
    public static boolean isReserved(String name) {
        return name.startsWith(RESERVED_PREFIX);
    }
}
