package io.hitch.peers;

/** A frame could not be written: the connection is broken or closing. */
public final class SendFailedException extends RuntimeException {

    /** @param cause what the transport reported */
    public SendFailedException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
