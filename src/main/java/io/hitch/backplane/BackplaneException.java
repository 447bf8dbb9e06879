package io.hitch.backplane;

/** The backplane cannot do what was asked (Redis is unreachable). */
public class BackplaneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BackplaneException(String message) {
        super(message);
    }
}
