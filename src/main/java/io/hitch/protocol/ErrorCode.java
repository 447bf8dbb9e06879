package io.hitch.protocol;

/** The error codes hitch/1 defines. Applications may add their own; these never change meaning. */
public final class ErrorCode {

    /** The frame is not a valid hitch/1 frame (bad JSON, wrong member types, binary frame, ...). */
    public static final String BAD_FRAME = "bad_frame";
    /** No route of that name exists on the receiver. */
    public static final String UNKNOWN_ROUTE = "unknown_route";
    /** The data does not bind to the route's input type or breaks its constraints. */
    public static final String BAD_DATA = "bad_data";
    /** The caller may not call this route. */
    public static final String FORBIDDEN = "forbidden";
    /** The caller sends faster than its rate limit allows. */
    public static final String RATE_LIMITED = "rate_limited";
    /** Too many requests of this connection are in flight. */
    public static final String OVERLOADED = "overloaded";
    /** No answer came within the timeout. */
    public static final String TIMEOUT = "timeout";
    /** The target or a resource needed to answer is not available now. */
    public static final String UNAVAILABLE = "unavailable";
    /** An unexpected failure; the details carry an incident id that is also in the server log. */
    public static final String INTERNAL = "internal";
    /** A frame is larger than the receiver accepts. */
    public static final String TOO_LARGE = "too_large";

    /** A client could not resume: the token is not genuine, too late, or pushes are no longer kept. */
    public static final String RECOVERY_FAILED = "recovery_failed";

    private ErrorCode() {
    }
}
