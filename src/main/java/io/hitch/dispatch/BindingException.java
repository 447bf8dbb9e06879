package io.hitch.dispatch;

/** Request data that cannot be bound to the route's input type; answered with {@code bad_data}. */
public class BindingException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String path;

    public BindingException(String message, String path) {
        super(message, null, false, false);
        this.path = path;
    }

    /** @return the path of the offending member ({@code "address.zip"}), or "" when it is the whole data */
    public String path() {
        return path;
    }
}
