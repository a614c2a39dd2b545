package io.rdht.core.wire;

/**
 * A datagram or reassembled message that is not a valid message of this protocol. The receiver
 * counts and drops it; the message says why in a few words.
 *
 * <p>Carries no stack trace: malformed input is expected from the network, not a bug here, and a
 * flood of it should cost no more than the decoding that found it.
 */
public final class MalformedMessageException extends Exception {

    /** Creates the exception with a short reason. */
    public MalformedMessageException(String reason) {
        super(reason, null, false, false);
    }

    /** Creates the exception with a short reason and the parser's or a record's complaint as cause. */
    public MalformedMessageException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
