package io.hitch.bench.load;

/**
 * Closed-loop request/reply load: every connection keeps {@code inFlight} requests outstanding and
 * sends the next one as each answer arrives. Latency is measured from the send to the answer.
 */
final class Rpc extends Clients.Base {

    /** What a row sends and how an answer is checked. */
    enum Target {
        /** The demo's echo route (input JsonValue): the answer's data must equal what was sent. */
        ECHO("echo", Clients.Protocol.HITCH),
        /** bench.echo: the same data bound to a record, validated and serialized by JSON-B. */
        TYPED("bench.echo", Clients.Protocol.HITCH),
        /** The raw endpoint: the frame must come back unchanged. */
        RAW("echo", Clients.Protocol.RAW),
        /** The raw endpoint that sends asynchronously, one send at a time (as Hitch does). */
        RAW_ASYNC("echo", Clients.Protocol.RAW_ASYNC);

        final String route;
        final Clients.Protocol protocol;

        Target(String route, Clients.Protocol protocol) {
            this.route = route;
            this.protocol = protocol;
        }

        String label() {
            return switch (this) {
                case ECHO -> "hitch echo";
                case TYPED -> "hitch bench.echo (typed)";
                case RAW -> "raw /raw";
                case RAW_ASYNC -> "raw async /raw-async";
            };
        }
    }

    /** The data of every request: about 100 bytes of JSON with typed members. */
    static final String DATA = "{\"name\":\"widget-42\",\"seq\":1234567,\"price\":19.99,"
            + "\"tags\":[\"red\",\"blue\"],\"active\":true,\"note\":\"quick fox\"}";

    private static final int RING = 1024;
    private static final byte[] RE = Bytes.ascii("{\"re\":");

    private final Target target;
    private final byte[] head;
    private final byte[] tail;
    private final byte[] replyHead;
    private final byte[] replyTail;
    private final boolean exact;
    private final int inFlight;
    private final Recorder[] recorders;
    volatile boolean sending;
    volatile boolean recording;

    Rpc(Target target, int inFlight, int loops) {
        super(target.protocol);
        this.target = target;
        this.inFlight = inFlight;
        this.head = Bytes.ascii("{\"route\":\"" + target.route + "\",\"id\":");
        this.tail = Bytes.ascii(",\"data\":" + DATA + "}");
        switch (target) {
            case ECHO -> {
                replyHead = RE;
                replyTail = Bytes.ascii(",\"data\":" + DATA + "}");
                exact = true;
            }
            case TYPED -> {
                replyHead = RE;
                replyTail = Bytes.ascii(",\"data\":{");
                exact = false;
            }
            default -> {
                replyHead = head;
                replyTail = tail;
                exact = true;
            }
        }
        this.recorders = new Recorder[loops];
        for (int i = 0; i < loops; i++) {
            recorders[i] = new Recorder();
        }
    }

    Target target() {
        return target;
    }

    Recorder[] recorders() {
        return recorders;
    }

    /** Starts a connection's requests (on its loop). */
    void start(WsConn c) {
        if (c.sentAt == null) {
            c.sentAt = new long[RING];
        }
        for (int i = 0; i < inFlight; i++) {
            send(c);
        }
    }

    /** @return the ids of a connection still waiting for an answer (on its loop) */
    static String waiting(WsConn c) {
        if (c.sentAt == null || c.inFlight == 0) {
            return "";
        }
        StringBuilder ids = new StringBuilder();
        for (long id = Math.max(1, c.nextId - RING); id < c.nextId; id++) {
            if (c.sentAt[(int) (id & (RING - 1))] != 0) {
                ids.append(ids.length() == 0 ? "" : ",").append(id);
            }
        }
        return "connection " + c.index + " (" + c.state + ") waits for ids " + ids + " of " + (c.nextId - 1);
    }

    private void send(WsConn c) {
        long id = c.nextId++;
        c.sentAt[(int) (id & (RING - 1))] = System.nanoTime();
        c.inFlight++;
        c.loop.text(c, head, id, tail);
    }

    @Override
    void message(WsConn c, byte[] a, int off, int len, long now) {
        Recorder r = recorders[c.loop.index];
        if (!Bytes.startsWith(a, off, len, replyHead)) {
            // A push (hitch.error) or something else that answers nothing
            r.error("unexpected frame: " + Bytes.text(a, off, len));
            return;
        }
        int end = off + len;
        int idAt = off + replyHead.length;
        long id = Bytes.digits(a, idAt, end);
        int after = Bytes.skipDigits(a, idAt, end);
        boolean ok = id >= 0 && (exact ? end - after == replyTail.length : end - after >= replyTail.length)
                && Bytes.regionEquals(a, after, end - after, replyTail);
        if (!ok) {
            r.error("unexpected answer: " + Bytes.text(a, off, len));
            if (id < 0) {
                return;
            }
        }
        int slot = (int) (id & (RING - 1));
        long sent = c.sentAt[slot];
        if (sent == 0 || id >= c.nextId) {
            r.error("an answer to id " + id + ", which is not waiting: " + Bytes.text(a, off, len));
            return;
        }
        c.sentAt[slot] = 0;
        c.inFlight--;
        if (recording) {
            r.add(now - sent);
        }
        if (sending) {
            send(c);
        }
    }
}
