package io.hitch.bench.load;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sender asks {@code bench.blast} to push to a group of receivers; every receiver measures the
 * time from the sender's request to its push. A push counts as in flight until every member got
 * it; the sender keeps {@code window} pushes in flight.
 */
final class FanOut {

    private static final int RING = 4096;
    static final String TEXT = "fan-out payload: 0123456789abcdefghij";
    private static final byte[] TICK = Bytes.ascii("{\"route\":\"bench.tick\",\"data\":");
    private static final byte[] SEQ = Bytes.ascii("\"seq\":");
    private static final byte[] T = Bytes.ascii("\"t\":");
    private static final byte[] RE = Bytes.ascii("{\"re\":");
    private static final byte[] ERROR = Bytes.ascii("\"error\"");

    final String group;
    final int members;
    final int window;
    final AtomicIntegerArray remaining = new AtomicIntegerArray(RING);
    final AtomicLong joined = new AtomicLong();
    final Recorder[] recorders;
    final Receiver receiver;
    final Sender sender;
    volatile boolean sending;
    volatile boolean recording;
    WsConn senderConn;

    FanOut(String group, int members, int window, int loops) {
        this.group = group;
        this.members = members;
        this.window = window;
        this.recorders = new Recorder[loops];
        for (int i = 0; i < loops; i++) {
            recorders[i] = new Recorder();
        }
        this.receiver = new Receiver();
        this.sender = new Sender();
    }

    /** The group members. */
    final class Receiver extends Clients.Base {
        Receiver() {
            super(Clients.Protocol.HITCH);
        }

        void join(WsConn c) {
            c.loop.text(c, Bytes.ascii("{\"route\":\"bench.join\",\"id\":" + (c.nextId++) + ",\"data\":{\"group\":\""
                    + group + "\"}}"));
        }

        @Override
        void message(WsConn c, byte[] a, int off, int len, long now) {
            Recorder r = recorders[c.loop.index];
            if (Bytes.startsWith(a, off, len, TICK)) {
                long seq = Bytes.numberAfter(a, off, len, SEQ);
                long t = Bytes.numberAfter(a, off, len, T);
                if (seq < 0 || t < 0) {
                    r.error("bad push: " + Bytes.text(a, off, len));
                    return;
                }
                if (recording) {
                    r.add(now - t);
                }
                if (remaining.decrementAndGet((int) (seq % RING)) == 0) {
                    IoLoop loop = senderConn.loop;
                    loop.execute(() -> sender.delivered(senderConn));
                }
            } else if (Bytes.startsWith(a, off, len, RE) && Bytes.indexOf(a, off, len, ERROR) < 0) {
                joined.incrementAndGet();
            } else {
                r.error("unexpected frame: " + Bytes.text(a, off, len));
            }
        }
    }

    /** The one connection that asks for the pushes. */
    final class Sender extends Clients.Base {
        int outstanding;
        long seq;
        long completed;

        Sender() {
            super(Clients.Protocol.HITCH);
        }

        void start(WsConn c) {
            for (int i = 0; i < window; i++) {
                blast(c);
            }
        }

        private void blast(WsConn c) {
            long k = ++seq;
            remaining.set((int) (k % RING), members);
            outstanding++;
            c.loop.text(c, Bytes.ascii("{\"route\":\"bench.blast\",\"id\":" + k + ",\"data\":{\"group\":\"" + group
                    + "\",\"seq\":" + k + ",\"t\":" + System.nanoTime() + ",\"text\":\"" + TEXT + "\"}}"));
        }

        void delivered(WsConn c) {
            outstanding--;
            completed++;
            if (sending) {
                blast(c);
            }
        }

        @Override
        void message(WsConn c, byte[] a, int off, int len, long now) {
            Recorder r = recorders[c.loop.index];
            if (!Bytes.startsWith(a, off, len, RE) || Bytes.indexOf(a, off, len, ERROR) >= 0
                    || Bytes.numberAfter(a, off, len, Bytes.ascii("\"members\":")) != members) {
                r.error("unexpected answer to bench.blast: " + Bytes.text(a, off, len));
            }
        }
    }
}
