package io.hitch.client;

import jakarta.json.JsonValue;

/**
 * A failed call: an error reply from the server (or from the peer a relay reached), a timeout, a lost
 * connection, or data that does not bind. The {@link #code()} is stable and meant for programs; the
 * message is for people.
 *
 * <pre>{@code
 * client.request("cart.add", item, Cart.class).exceptionally(e -> {
 *     if (HitchException.of(e).code().equals("out_of_stock")) { ... }
 *     return null;
 * });
 * }</pre>
 */
public class HitchException extends RuntimeException {

    /** The code of every call that failed because the connection closed, or the client was closed. */
    public static final String DISCONNECTED = "disconnected";

    private static final long serialVersionUID = 1L;

    private final String code;
    private final transient JsonValue details;
    private final String route;

    /**
     * @param code    the error code, e.g. {@code bad_data}, {@code timeout}
     * @param message a human-readable message
     * @param details code-specific details as sent, or null
     */
    public HitchException(String code, String message, JsonValue details) {
        this(code, message, details, null);
    }

    HitchException(String code, String message, JsonValue details, String route) {
        super(message == null || message.isEmpty() ? code : message);
        this.code = code;
        this.details = details;
        this.route = route;
    }

    /** @return the stable error code: one of hitch/1's ({@code io.hitch.protocol.ErrorCode}), {@link #DISCONNECTED}, or an application's */
    public String code() {
        return code;
    }

    /** @return the details as sent (for {@code bad_data}: {@code [{"path":..,"message":..}]}), or null */
    public JsonValue details() {
        return details;
    }

    /** @return for a failed notification reported by a {@code hitch.error} push: its route; else null */
    public String route() {
        return route;
    }

    /**
     * Unwraps what a {@code CompletionStage} failed with.
     *
     * @param failure a {@code CompletionException}/{@code ExecutionException} or the exception itself
     * @return the {@code HitchException} inside, or an {@code internal} one wrapping anything else
     */
    public static HitchException of(Throwable failure) {
        Throwable t = failure;
        while (t != null && !(t instanceof HitchException)
                && (t instanceof java.util.concurrent.CompletionException
                    || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        if (t instanceof HitchException hitch) {
            return hitch;
        }
        HitchException wrapped = new HitchException("internal", String.valueOf(t), null);
        wrapped.initCause(t);
        return wrapped;
    }

    @Override
    public String toString() {
        return "HitchException[" + code + "]: " + getMessage() + (details == null ? "" : " " + details);
    }
}
