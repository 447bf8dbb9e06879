package io.hitch.dispatch;

import io.hitch.protocol.BadFrameException;
import io.hitch.protocol.ErrorCode;
import io.hitch.protocol.Frame;
import io.hitch.protocol.FrameDecoder;
import io.hitch.protocol.FrameEncoder;
import io.hitch.protocol.MessageId;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every frame a client sends enters here, and every one is handled: requests go to the
 * {@link Dispatcher}, and anything that cannot be processed is answered with an error reply (when the
 * frame has a usable id) or a {@code hitch.error} push. Nothing is dropped silently and nothing
 * closes the connection.
 */
public final class Inbound {

    private static final Logger LOG = Logger.getLogger("io.hitch");

    private final FrameDecoder decoder;
    private final Dispatcher dispatcher;
    private final Incidents incidents;

    public Inbound(FrameDecoder decoder, Dispatcher dispatcher, Incidents incidents) {
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.incidents = incidents;
    }

    /**
     * @param channel the connection
     * @param text    one text frame
     */
    public void onText(Channel channel, String text) {
        Frame frame;
        try {
            frame = decoder.decode(text);
        } catch (BadFrameException e) {
            refuse(channel, e);
            return;
        }
        if (frame instanceof Frame.Request request) {
            try {
                dispatcher.dispatch(channel, request);
            } catch (RuntimeException | StackOverflowError e) {
                // The dispatcher answers every failure it expects; this is the net under it.
                String incident = incidents.report(channel.peer().id(), request.route(), e);
                channel.send(FrameEncoder.errorPush(ErrorCode.INTERNAL, "internal error (incident " + incident + ")",
                        "{\"incident\":\"" + incident + "\"}", null));
            }
        } else if (!channel.answered(frame)) {
            MessageId re = frame instanceof Frame.Reply r ? r.re() : ((Frame.ErrorReply) frame).re();
            channel.send(FrameEncoder.errorPush(ErrorCode.BAD_FRAME,
                    "no request with id " + re.toJson() + " is waiting for an answer", null, null));
        }
    }

    /** @param channel the connection that sent a binary frame, which hitch/1 does not use */
    public void onBinary(Channel channel) {
        channel.send(FrameEncoder.errorPush(ErrorCode.BAD_FRAME,
                "binary frames are not supported: send JSON text frames", null, null));
    }

    private void refuse(Channel channel, BadFrameException e) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("Bad frame from peer " + channel.peer().id() + ": " + e.getMessage());
        }
        channel.send(e.usableId() != null
                ? FrameEncoder.errorReply(e.usableId(), ErrorCode.BAD_FRAME, e.getMessage(), null)
                : FrameEncoder.errorPush(ErrorCode.BAD_FRAME, e.getMessage(), null, null));
    }
}
