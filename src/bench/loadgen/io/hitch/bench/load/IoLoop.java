package io.hitch.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Callable;

/**
 * One selector thread of the load generator. Each connection belongs to one loop and is touched
 * only by its thread, so connections need no locks. Frames a connection sends while the loop
 * handles its input are written with one system call at the end ("corking").
 */
final class IoLoop implements Runnable {

    private static final byte[] GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    final int index;
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Runnable> local = new ArrayDeque<>();
    private volatile boolean running = true;

    private byte[] in = new byte[256 * 1024];
    private final byte[] out = new byte[256 * 1024];
    private int outLen;
    private WsConn corked;
    private WsConn dispatching;
    private int seed = 0x2545F491;

    IoLoop(int index) throws IOException {
        this.index = index;
        this.selector = Selector.open();
        this.thread = new Thread(this, "loadgen-io-" + index);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop's thread, after the event being handled if called from it. */
    void execute(Runnable task) {
        if (inLoop()) {
            local.add(task);
        } else {
            inbox.add(task);
            selector.wakeup();
        }
    }

    /** Runs {@code task} on this loop and returns its result (from any thread but this one). */
    <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    void shutdown() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (local.isEmpty() && inbox.isEmpty()) {
                    selector.select();
                } else {
                    selector.selectNow();
                }
                Runnable task;
                while ((task = inbox.poll()) != null) {
                    runTask(task);
                }
                while ((task = local.poll()) != null) {
                    runTask(task);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    WsConn c = (WsConn) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    try {
                        int ready = key.readyOps();
                        if ((ready & SelectionKey.OP_CONNECT) != 0) {
                            connected(c);
                        }
                        if (key.isValid() && (ready & SelectionKey.OP_WRITE) != 0) {
                            writePending(c);
                        }
                        if (key.isValid() && (ready & SelectionKey.OP_READ) != 0) {
                            read(c);
                        }
                    } catch (IOException | RuntimeException e) {
                        fail(c, e.toString());
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("loadgen: loop " + index + " failed: " + e);
                e.printStackTrace();
            }
        }
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            System.err.println("loadgen: task failed on loop " + index + ": " + e);
            e.printStackTrace();
        }
        flushCorked();
    }

    // ---- connecting ----

    /** Opens a WebSocket (from this loop's thread). */
    void connect(WsConn c, InetSocketAddress address) {
        try {
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.channel = ch;
            c.state = WsConn.CONNECTING;
            c.connectStart = System.nanoTime();
            if (ch.connect(address)) {
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
                handshake(c);
            } else {
                c.key = ch.register(selector, SelectionKey.OP_CONNECT, c);
            }
        } catch (IOException | RuntimeException e) {
            fail(c, "connect: " + e);
        }
    }

    private void connected(WsConn c) throws IOException {
        c.channel.finishConnect();
        c.key.interestOps(SelectionKey.OP_READ);
        handshake(c);
    }

    private void handshake(WsConn c) {
        byte[] nonce = new byte[16];
        for (int i = 0; i < 16; i++) {
            nonce[i] = (byte) nextRandom();
        }
        String key = java.util.Base64.getEncoder().encodeToString(nonce);
        c.expectedAccept = accept(key);
        String request = "GET " + c.path + " HTTP/1.1\r\nHost: " + c.hostHeader + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + (c.subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + c.subprotocol + "\r\n") + "\r\n";
        c.state = WsConn.HANDSHAKE;
        byte[] bytes = request.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        cork(c, bytes.length);
        System.arraycopy(bytes, 0, out, outLen, bytes.length);
        outLen += bytes.length;
        flushCorked();
    }

    private static String accept(String key) {
        try {
            java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
            sha1.update(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            sha1.update(GUID);
            return java.util.Base64.getEncoder().encodeToString(sha1.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- reading ----

    private void read(WsConn c) throws IOException {
        while (true) {
            int start = 0;
            if (c.carryLen > 0) {
                if (c.carryLen > in.length / 2) {
                    in = java.util.Arrays.copyOf(in, Math.max(in.length * 2, c.carryLen * 2));
                }
                System.arraycopy(c.carry, 0, in, 0, c.carryLen);
                start = c.carryLen;
                c.carryLen = 0;
            }
            ByteBuffer buffer = ByteBuffer.wrap(in, start, in.length - start);
            int n = c.channel.read(buffer);
            if (n < 0) {
                if (start > 0) {
                    keep(c, 0, start);
                }
                eof(c);
                return;
            }
            int end = start + n;
            long now = System.nanoTime();
            dispatching = c;
            int used;
            try {
                used = parse(c, in, 0, end, now);
            } finally {
                dispatching = null;
            }
            if (used < end) {
                keep(c, used, end - used);
            }
            flushCorked();
            if (c.state == WsConn.CLOSED || buffer.hasRemaining()) {
                return;
            }
            // The buffer was full: there may be more to read.
        }
    }

    private void keep(WsConn c, int from, int length) {
        if (c.carry == null || c.carry.length < length) {
            c.carry = new byte[Math.max(256, Integer.highestOneBit(length) << 1)];
        }
        System.arraycopy(in, from, c.carry, 0, length);
        c.carryLen = length;
    }

    /** @return how many bytes were consumed */
    private int parse(WsConn c, byte[] a, int pos, int end, long now) throws IOException {
        if (c.state == WsConn.HANDSHAKE) {
            int headerEnd = indexOf(a, pos, end, CRLFCRLF);
            if (headerEnd < 0) {
                if (end - pos > 16384) {
                    fail(c, "handshake response too long");
                    return end;
                }
                return pos;
            }
            String head = new String(a, pos, headerEnd - pos, java.nio.charset.StandardCharsets.ISO_8859_1);
            pos = headerEnd + 4;
            if (!head.startsWith("HTTP/1.1 101")) {
                fail(c, "upgrade refused: " + head.lines().findFirst().orElse(head));
                return end;
            }
            String accept = header(head, "sec-websocket-accept");
            if (!c.expectedAccept.equals(accept)) {
                fail(c, "bad Sec-WebSocket-Accept " + accept);
                return end;
            }
            c.state = WsConn.OPEN;
            c.handler.opened(c, now);
        }
        while (end - pos >= 2 && c.state != WsConn.CLOSED) {
            int b0 = a[pos] & 0xff;
            int b1 = a[pos + 1] & 0xff;
            int header = 2;
            long length = b1 & 0x7f;
            if (length == 126) {
                if (end - pos < 4) {
                    break;
                }
                length = ((a[pos + 2] & 0xff) << 8) | (a[pos + 3] & 0xff);
                header = 4;
            } else if (length == 127) {
                if (end - pos < 10) {
                    break;
                }
                length = 0;
                for (int i = 2; i < 10; i++) {
                    length = (length << 8) | (a[pos + i] & 0xff);
                }
                header = 10;
            }
            boolean masked = (b1 & 0x80) != 0;
            if (masked) {
                header += 4;
            }
            if (length > 64L * 1024 * 1024) {
                fail(c, "frame of " + length + " bytes");
                return end;
            }
            if (end - pos < header + length) {
                if (header + length > a.length) {
                    // Make room for the whole frame next time.
                    in = java.util.Arrays.copyOf(in, (int) (header + length) * 2);
                }
                break;
            }
            int off = pos + header;
            int len = (int) length;
            if (masked) {
                for (int i = 0; i < len; i++) {
                    a[off + i] ^= a[pos + header - 4 + (i & 3)];
                }
            }
            pos = off + len;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            switch (opcode) {
                case 0x1 -> {
                    if (fin) {
                        c.handler.text(c, a, off, len, now);
                    } else {
                        c.fragment(a, off, len, true);
                    }
                }
                case 0x0 -> {
                    c.fragment(a, off, len, false);
                    if (fin && c.fragmentText) {
                        c.handler.text(c, c.fragment, 0, c.fragmentLen, now);
                        c.fragmentLen = 0;
                    }
                }
                case 0x2 -> c.unexpected++;
                case 0x8 -> {
                    int code = len >= 2 ? ((a[off] & 0xff) << 8) | (a[off + 1] & 0xff) : 1005;
                    String reason = len > 2 ? new String(a, off + 2, len - 2, java.nio.charset.StandardCharsets.UTF_8)
                            : "";
                    c.closeCode = code;
                    c.closeReason = reason;
                    if (c.state == WsConn.OPEN) {
                        // The server closed: answer with the same code, then wait for its EOF.
                        c.state = WsConn.CLOSING;
                        c.serverClosed = true;
                        byte[] payload = new byte[2];
                        payload[0] = (byte) (code >> 8);
                        payload[1] = (byte) code;
                        frame(c, 0x8, payload, 0, code == 1005 ? 0 : 2);
                    }
                }
                case 0x9 -> {
                    // Nothing may follow our close frame, not even a pong.
                    if (c.state == WsConn.OPEN) {
                        frame(c, 0xA, a, off, len);
                    }
                }
                case 0xA -> {
                    // pong: nothing to do
                }
                default -> c.unexpected++;
            }
        }
        return pos;
    }

    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};

    private static int indexOf(byte[] a, int from, int end, byte[] what) {
        outer:
        for (int i = from; i <= end - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (a[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private void eof(WsConn c) {
        close(c);
        c.handler.closed(c, c.serverClosed || c.state == WsConn.CLOSING ? null : "connection lost");
    }

    // ---- writing ----

    /** Sends a text frame {@code a + decimal(number) + b}. */
    void text(WsConn c, byte[] a, long number, byte[] b) {
        if (c.state != WsConn.OPEN) {
            return;
        }
        int digits = digits(number);
        int len = a.length + digits + b.length;
        int header = begin(c, 0x1, len);
        int mask = nextRandom();
        int p = outLen + header;
        System.arraycopy(a, 0, out, p, a.length);
        p += a.length;
        long v = number;
        for (int i = digits - 1; i >= 0; i--) {
            out[p + i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        p += digits;
        System.arraycopy(b, 0, out, p, b.length);
        maskPayload(outLen + header, len, mask);
        outLen += header + len;
        afterSend(c);
    }

    /** Sends a text frame. */
    void text(WsConn c, byte[] payload) {
        if (c.state != WsConn.OPEN) {
            return;
        }
        frame(c, 0x1, payload, 0, payload.length);
    }

    /** Starts the closing handshake; the server answers and closes the TCP connection. */
    void close(WsConn c, int code) {
        if (c.state != WsConn.OPEN) {
            if (c.state == WsConn.CONNECTING || c.state == WsConn.HANDSHAKE) {
                close(c);
                c.handler.closed(c, null);
            }
            return;
        }
        c.state = WsConn.CLOSING;
        frame(c, 0x8, new byte[] {(byte) (code >> 8), (byte) code}, 0, 2);
    }

    /** Closes the socket now. */
    void close(WsConn c) {
        if (c.state == WsConn.CLOSED) {
            return;
        }
        c.state = WsConn.CLOSED;
        if (corked == c) {
            outLen = 0;
            corked = null;
        }
        try {
            if (c.key != null) {
                c.key.cancel();
            }
            if (c.channel != null) {
                c.channel.close();
            }
        } catch (IOException ignored) {
            // closed anyway
        }
    }

    void fail(WsConn c, String why) {
        boolean wasClosed = c.state == WsConn.CLOSED;
        close(c);
        if (!wasClosed) {
            c.handler.closed(c, why);
        }
    }

    private void frame(WsConn c, int opcode, byte[] payload, int off, int len) {
        int header = begin(c, opcode, len);
        int mask = nextRandom();
        System.arraycopy(payload, off, out, outLen + header, len);
        maskPayload(outLen + header, len, mask);
        outLen += header + len;
        afterSend(c);
    }

    // Writes the frame header (masked, FIN) at outLen and returns its length; the payload follows.
    private int begin(WsConn c, int opcode, int len) {
        cork(c, len + 14);
        int p = outLen;
        out[p] = (byte) (0x80 | opcode);
        int header;
        if (len < 126) {
            out[p + 1] = (byte) (0x80 | len);
            header = 2;
        } else if (len < 65536) {
            out[p + 1] = (byte) (0x80 | 126);
            out[p + 2] = (byte) (len >> 8);
            out[p + 3] = (byte) len;
            header = 4;
        } else {
            out[p + 1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                out[p + 2 + i] = (byte) (i < 4 ? 0 : len >>> (8 * (7 - i)));
            }
            header = 10;
        }
        return header + 4;
    }

    private void maskPayload(int payloadStart, int len, int mask) {
        int keyAt = payloadStart - 4;
        out[keyAt] = (byte) (mask >> 24);
        out[keyAt + 1] = (byte) (mask >> 16);
        out[keyAt + 2] = (byte) (mask >> 8);
        out[keyAt + 3] = (byte) mask;
        for (int i = 0; i < len; i++) {
            out[payloadStart + i] ^= out[keyAt + (i & 3)];
        }
    }

    private void cork(WsConn c, int room) {
        if (corked != c || outLen + room > out.length) {
            flushCorked();
            if (room > out.length) {
                throw new IllegalArgumentException("frame too large for the load generator: " + room);
            }
        }
        corked = c;
    }

    private void afterSend(WsConn c) {
        if (dispatching != c) {
            flushCorked();
        }
    }

    private void flushCorked() {
        WsConn c = corked;
        if (c == null) {
            return;
        }
        int length = outLen;
        corked = null;
        outLen = 0;
        if (length == 0 || c.state == WsConn.CLOSED) {
            return;
        }
        try {
            if (c.pending != null && c.pending.position() > 0) {
                append(c, out, 0, length);
                return;
            }
            ByteBuffer buffer = ByteBuffer.wrap(out, 0, length);
            c.channel.write(buffer);
            if (buffer.hasRemaining()) {
                append(c, out, buffer.position(), buffer.remaining());
                c.key.interestOps(c.key.interestOps() | SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            fail(c, "write: " + e);
        }
    }

    private static void append(WsConn c, byte[] bytes, int from, int length) {
        if (c.pending == null) {
            c.pending = ByteBuffer.allocate(Math.max(4096, length * 2));
        } else if (c.pending.remaining() < length) {
            ByteBuffer bigger = ByteBuffer.allocate((c.pending.position() + length) * 2);
            c.pending.flip();
            bigger.put(c.pending);
            c.pending = bigger;
        }
        c.pending.put(bytes, from, length);
    }

    private void writePending(WsConn c) throws IOException {
        if (c.pending == null || c.pending.position() == 0) {
            c.key.interestOps(c.key.interestOps() & ~SelectionKey.OP_WRITE);
            return;
        }
        c.pending.flip();
        c.channel.write(c.pending);
        c.pending.compact();
        if (c.pending.position() == 0) {
            c.key.interestOps(c.key.interestOps() & ~SelectionKey.OP_WRITE);
        }
    }

    private int nextRandom() {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return x;
    }

    private static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }
}
