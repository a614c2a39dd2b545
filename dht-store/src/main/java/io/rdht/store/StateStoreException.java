package io.rdht.store;

import java.nio.file.Path;

/**
 * The state directory cannot be used at all: it cannot be created or written, or another node
 * holds it. An unreadable state inside a usable directory is no such error: it is moved aside.
 */
public final class StateStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    StateStoreException(Path directory, String message, Throwable cause) {
        super(message, cause);
        this.directory = directory;
    }

    /** The state directory in question. */
    public Path directory() {
        return directory;
    }
}
