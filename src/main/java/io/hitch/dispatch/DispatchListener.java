package io.hitch.dispatch;

/**
 * Told about every request and notification a route handled, for statistics and metrics. Called
 * on the answering thread: keep it cheap and non-blocking. Implement it in an application-scoped
 * bean; every such bean is called.
 */
public interface DispatchListener {

    /**
     * @param route     the route name
     * @param errorCode the error code of the answer, or null for a reply
     * @param nanos     the time from receipt to answer
     */
    void answered(String route, String errorCode, long nanos);
}
