package io.hitch.client;

import io.hitch.protocol.RouteNames;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pings the server when nothing arrived for a while; no answer within the request timeout means a
 * dead connection, which is closed with 4000 and handled like any other drop (a reconnect).
 */
final class Heartbeat {

    private final Link link;
    private final Link.Attempt attempt;
    private volatile long lastReceived = System.nanoTime();
    private long intervalNanos;
    private ScheduledFuture<?> timer;
    private boolean pinging;
    private boolean stopped;

    Heartbeat(Link link, Link.Attempt attempt) {
        this.link = link;
        this.attempt = attempt;
    }

    void received() {
        lastReceived = System.nanoTime();
    }

    synchronized void start(Duration interval) {
        if (stopped || interval.isZero()) {
            return;
        }
        intervalNanos = interval.toNanos();
        schedule(intervalNanos);
    }

    synchronized void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    // Under this object's lock.
    private void schedule(long delayNanos) {
        if (!stopped) {
            timer = link.timers().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        synchronized (this) {
            if (stopped || pinging) {
                return;
            }
            long idle = System.nanoTime() - lastReceived;
            if (idle < intervalNanos) {
                schedule(intervalNanos - idle);
                return;
            }
            pinging = true;
        }
        Duration timeout = link.defaultTimeout();
        long timeoutMillis = timeout.isZero() ? TimeUnit.NANOSECONDS.toMillis(intervalNanos) : timeout.toMillis();
        Call ping = new Call(RouteNames.PING, null, true, timeoutMillis);
        link.call(ping);
        ping.result.whenComplete((pong, failure) -> {
            synchronized (this) {
                pinging = false;
                if (failure == null) {
                    schedule(intervalNanos);
                }
            }
            if (failure != null && "timeout".equals(HitchException.of(failure).code()) && attempt.isCurrent()) {
                attempt.abandon(4000, "heartbeat timeout");
            }
        });
    }
}
