package io.hitch.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A deliberately small RFC 6455 client over a plain socket to 127.0.0.1, for the frames a real
 * WebSocket client refuses to send: invalid UTF-8 in text frames, fragments split anywhere, headers
 * that declare more bytes than the server accepts. Client frames are masked as RFC 6455 requires.
 * Nothing is read unless the test asks, so a test can also stop reading on purpose.
 *
 * <p>Sends are synchronized, so one thread may send while another reads.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int READ_TIMEOUT_MS = 20_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One frame received from the server.
     *
     * @param opcode  the opcode
     * @param fin     whether it is the last frame of its message
     * @param payload the unmasked payload
     */
    public record Frame(int opcode, boolean fin, byte[] payload) {

        /** @return the payload as UTF-8 text */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** @return the status code of a close frame, 1005 when it carries none */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        /** @return the reason of a close frame, "" when it carries none */
        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        @Override
        public String toString() {
            return "Frame[opcode=" + opcode + ", fin=" + fin + ", " + payload.length + " bytes"
                    + (opcode == CLOSE ? ", close " + closeCode() + " " + closeReason() : "") + "]";
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket, String path) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        handshake(path);
    }

    /**
     * @param baseUrl the deployment's URL; the endpoint is {@code <base>/ws} on 127.0.0.1
     * @return a client whose opening handshake succeeded; the welcome is not read yet
     */
    public static RawWebSocket connect(URL baseUrl) throws IOException {
        return connect(baseUrl, 0);
    }

    /**
     * @param baseUrl           the deployment's URL
     * @param receiveBufferSize the socket's receive buffer in bytes (0 for the system default); a
     *                          small one makes a client that stops reading back up quickly
     * @return a client whose opening handshake succeeded; the welcome is not read yet
     */
    public static RawWebSocket connect(URL baseUrl, int receiveBufferSize) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBufferSize > 0) {
                socket.setReceiveBufferSize(receiveBufferSize); // before connect, so the window is small
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.connect(new InetSocketAddress("127.0.0.1", baseUrl.getPort()), READ_TIMEOUT_MS);
            String path = baseUrl.getPath();
            return new RawWebSocket(socket, (path.endsWith("/") ? path : path + "/") + "ws");
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void handshake(String path) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + socket.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: hitch.v1\r\n"
                + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String response = readHttpHead();
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + response);
        }
        String accept = header(response, "Sec-WebSocket-Accept");
        if (!expectedAccept(key).equals(accept)) {
            throw new IOException("bad Sec-WebSocket-Accept in " + response);
        }
    }

    private String readHttpHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
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

    private static String expectedAccept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- sending ----

    /** Sends one whole text message. */
    public void sendText(String text) throws IOException {
        sendText(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one whole text message with exactly these bytes, valid UTF-8 or not. */
    public void sendText(byte[] utf8) throws IOException {
        sendFrame(true, TEXT, utf8);
    }

    /** Sends one whole binary message. */
    public void sendBinary(byte[] bytes) throws IOException {
        sendFrame(true, BINARY, bytes);
    }

    /**
     * Sends one message as several frames: the first with {@code opcode}, the rest as continuations.
     *
     * @param opcode    {@link #TEXT} or {@link #BINARY}
     * @param fragments the payloads, in order; a text message may be split anywhere, even inside a
     *                  UTF-8 sequence
     */
    public void sendFragmented(int opcode, byte[]... fragments) throws IOException {
        for (int i = 0; i < fragments.length; i++) {
            sendFrame(i == fragments.length - 1, i == 0 ? opcode : CONTINUATION, fragments[i]);
        }
    }

    /** Sends a ping (at most 125 bytes of payload). */
    public void sendPing(byte[] payload) throws IOException {
        sendFrame(true, PING, payload);
    }

    /** Sends a close frame with a status code and reason. */
    public void sendClose(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text);
        sendFrame(true, CLOSE, payload.array());
    }

    /** Sends one complete, masked frame. */
    public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        sendHeaderAndPayload(fin, opcode, payload.length, payload);
    }

    /**
     * Sends a frame header that declares {@code declaredLength} payload bytes, followed by only
     * {@code payload} (masked), so the server sees the declared size before the bytes arrive.
     */
    public synchronized void sendHeaderAndPayload(boolean fin, int opcode, long declaredLength, byte[] payload)
            throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(14 + payload.length);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (declaredLength < 126) {
            frame.write(0x80 | (int) declaredLength);
        } else if (declaredLength <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write((int) (declaredLength >>> 8) & 0xFF);
            frame.write((int) declaredLength & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (declaredLength >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask, 0, 4);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        frame.write(masked, 0, masked.length);
        out.write(frame.toByteArray());
        out.flush();
    }

    /**
     * Sends several whole text messages in one write, so the server reads them back to back: for
     * tests whose outcome depends on how close together the messages arrive (rate limits).
     */
    public synchronized void sendTextsAtOnce(String... texts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String text : texts) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            all.write(0x80 | TEXT);
            if (payload.length < 126) {
                all.write(0x80 | payload.length);
            } else if (payload.length <= 0xFFFF) {
                all.write(0x80 | 126);
                all.write(payload.length >>> 8);
                all.write(payload.length & 0xFF);
            } else {
                throw new IllegalArgumentException("a message of at most 65535 bytes, please");
            }
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            all.write(mask, 0, 4);
            for (int i = 0; i < payload.length; i++) {
                all.write(payload[i] ^ mask[i & 3]);
            }
        }
        out.write(all.toByteArray());
        out.flush();
    }

    // ---- receiving ----

    /**
     * @return the next frame, waiting up to 20 s
     * @throws EOFException when the connection ends first
     * @throws SocketTimeoutException when nothing arrives in time
     */
    public Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = ((long) readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("frame too large: " + length);
        }
        byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            throw new EOFException("connection closed inside a frame");
        }
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
    }

    /**
     * @return the text of the next text message, reassembled; pongs before it are skipped and pings
     *         answered
     */
    public String readText() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            Frame frame = readFrame();
            switch (frame.opcode()) {
                case PING -> sendFrame(true, PONG, frame.payload());
                case PONG -> {
                    // an answer to one of our pings; the caller did not ask for it
                }
                case TEXT, CONTINUATION -> {
                    message.write(frame.payload(), 0, frame.payload().length);
                    if (frame.fin()) {
                        return message.toString(StandardCharsets.UTF_8);
                    }
                }
                default -> throw new IOException("expected a text message, got " + frame);
            }
        }
    }

    /**
     * Reads, discarding everything else, until the server's close frame.
     *
     * @return that close frame, or null if the connection ended without one
     */
    public Frame awaitClose() throws IOException {
        while (true) {
            Frame frame;
            try {
                frame = readFrame();
            } catch (EOFException | java.net.SocketException e) {
                return null;
            }
            if (frame.opcode() == CLOSE) {
                return frame;
            }
        }
    }

    /** @param millis how long a read waits before it fails with {@link SocketTimeoutException} */
    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    /** Closes the socket at once, without a closing handshake. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
