package io.rdht.store;

/** The state file cannot be read as a state of ours: it is moved aside and the node starts fresh. */
final class CorruptStateException extends Exception {

    private static final long serialVersionUID = 1L;

    CorruptStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
