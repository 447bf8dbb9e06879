package io.hitch.bench.load;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** One client WebSocket of the load generator; only its loop's thread touches it. */
final class WsConn {

    static final int NEW = 0;
    static final int CONNECTING = 1;
    static final int HANDSHAKE = 2;
    static final int OPEN = 3;
    static final int CLOSING = 4;
    static final int CLOSED = 5;

    /** What happens on a connection; called on its loop's thread. */
    abstract static class Handler {
        /** The upgrade succeeded. */
        void opened(WsConn c, long now) {
        }

        /** A text message arrived; {@code a[off, off + len)} is only valid during the call. */
        abstract void text(WsConn c, byte[] a, int off, int len, long now);

        /** The connection ended: {@code why} is null after a closing handshake. */
        void closed(WsConn c, String why) {
        }
    }

    final IoLoop loop;
    final String path;
    final String hostHeader;
    final String subprotocol;
    Handler handler;

    SocketChannel channel;
    SelectionKey key;
    int state = NEW;
    String expectedAccept;
    long connectStart;
    byte[] carry;
    int carryLen;
    ByteBuffer pending;
    byte[] fragment;
    int fragmentLen;
    boolean fragmentText;
    boolean serverClosed;
    int closeCode;
    String closeReason;
    int unexpected;

    // Scenario state
    int index;
    long readyAt;
    boolean welcomed;
    long nextId = 1;
    int inFlight;
    long[] sentAt;
    int role;

    WsConn(IoLoop loop, String path, String hostHeader, String subprotocol, Handler handler) {
        this.loop = loop;
        this.path = path;
        this.hostHeader = hostHeader;
        this.subprotocol = subprotocol;
        this.handler = handler;
    }

    boolean isOpen() {
        return state == OPEN;
    }

    void fragment(byte[] a, int off, int len, boolean first) {
        if (first) {
            fragmentLen = 0;
            fragmentText = true;
        }
        if (fragment == null || fragment.length < fragmentLen + len) {
            fragment = java.util.Arrays.copyOf(fragment == null ? new byte[0] : fragment,
                    Math.max(1024, (fragmentLen + len) * 2));
        }
        System.arraycopy(a, off, fragment, fragmentLen, len);
        fragmentLen += len;
    }
}
