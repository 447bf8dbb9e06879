package io.hitch.dispatch;

import io.hitch.api.Peer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connection that records every frame sent on it and counts its in-flight requests. Frames may be
 * sent from any thread (asynchronous handlers complete elsewhere); {@link #awaitFrame} waits for one
 * without sleeping.
 */
final class FakeChannel implements Channel {

    private final Peer peer = new FakePeer("peer-1");
    private final List<String> sent = new ArrayList<>();
    private final List<CompletableFuture<String>> waiting = new ArrayList<>();
    private int inFlight;
    private int started;
    private int ended;

    @Override
    public Peer peer() {
        return peer;
    }

    @Override
    public void send(String frame) {
        List<CompletableFuture<String>> ready;
        synchronized (this) {
            sent.add(frame);
            ready = waiting.size() >= sent.size() ? List.of(waiting.get(sent.size() - 1)) : List.of();
        }
        ready.forEach(f -> f.complete(frame));
    }

    @Override
    public synchronized boolean tryStartRequest(int limit) {
        if (inFlight >= limit) {
            return false;
        }
        inFlight++;
        started++;
        return true;
    }

    @Override
    public synchronized void endRequest() {
        inFlight--;
        ended++;
        notifyAll();
    }

    /** @return the frames sent so far, in order */
    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    /** @return the only frame sent; fails if there is not exactly one */
    synchronized String onlyFrame() {
        if (sent.size() != 1) {
            throw new AssertionError("expected exactly one frame, got " + sent);
        }
        return sent.get(0);
    }

    /** @return requests holding a slot now; never negative unless a slot was given back twice */
    synchronized int inFlight() {
        return inFlight;
    }

    /** @return how many slots were ever taken */
    synchronized int started() {
        return started;
    }

    /** @return how many slots were ever given back */
    synchronized int ended() {
        return ended;
    }

    /**
     * Waits (at most 5 s) until no request holds a slot: an answer given on another thread is sent
     * just before its slot is given back.
     *
     * @return whether no request holds a slot
     */
    synchronized boolean awaitNoneInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long left;
        while (inFlight != 0 && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return inFlight == 0;
    }

    /**
     * @param number the frame's position, 1 for the first frame sent
     * @return that frame, once sent (waits at most 5 s)
     */
    String awaitFrame(int number) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<String> frame;
        synchronized (this) {
            while (waiting.size() < number) {
                waiting.add(new CompletableFuture<>());
            }
            frame = waiting.get(number - 1);
            if (sent.size() >= number) {
                frame.complete(sent.get(number - 1));
            }
        }
        return frame.get(5, TimeUnit.SECONDS);
    }
}
