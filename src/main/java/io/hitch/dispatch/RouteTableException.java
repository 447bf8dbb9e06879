package io.hitch.dispatch;

/** The route table cannot be built: a duplicate or invalid route name, or a handler without types. */
public class RouteTableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RouteTableException(String message) {
        super(message);
    }
}
