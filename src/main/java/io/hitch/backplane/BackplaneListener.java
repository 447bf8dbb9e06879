package io.hitch.backplane;

/** Observes the backplane for metrics: how long publishing takes, and what could not be delivered. */
public interface BackplaneListener {

    /** A push reached the backplane after {@code nanos}. */
    void published(long nanos);

    /** A push or a presence change could not reach the backplane (it is down): it is lost. */
    void undeliverable(String what);
}
