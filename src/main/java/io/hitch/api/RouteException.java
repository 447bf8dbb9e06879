package io.hitch.api;

import java.util.regex.Pattern;

/**
 * Thrown by a route handler (or used to complete its stage exceptionally) to answer the request
 * with an error reply carrying a stable code.
 *
 * <pre>{@code
 * if (!inventory.has(item)) {
 *     throw new RouteException("out_of_stock", "No " + item + " left")
 *             .withDetails(Map.of("item", item));
 * }
 * }</pre>
 *
 * <p>Codes are lowercase: a letter, then letters, digits, {@code _}, {@code .} or {@code -}. The
 * built-in codes ({@code bad_data}, {@code forbidden}, {@code unavailable}, ...) may be used too. The
 * message and details are sent to the client as they are, so keep secrets out of them.
 */
public class RouteException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private final String code;
    private transient Object details;

    /**
     * @param code    the stable error code, e.g. {@code "out_of_stock"}
     * @param message a human-readable explanation for the caller
     * @throws IllegalArgumentException if the code is not a valid error code
     */
    public RouteException(String code, String message) {
        super(message, null, false, false);
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("Invalid error code '" + code
                    + "': use a lowercase letter followed by up to 63 of [a-z0-9_.-]");
        }
        this.code = code;
    }

    /**
     * @param details any JSON-B serializable value sent as the error's {@code details}
     * @return this exception
     */
    public RouteException withDetails(Object details) {
        this.details = details;
        return this;
    }

    /** @return the error code */
    public String code() {
        return code;
    }

    /** @return the details, or {@code null} */
    public Object details() {
        return details;
    }
}
