package io.rdht.crypto;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An identity file could not be read, written or trusted; the message names the file and what is
 * wrong with it.
 */
public final class IdentityFileException extends CryptoException {

    /** What is wrong with an identity file. */
    public enum Problem {
        /** No file exists at the path. */
        MISSING,
        /** The file exists but cannot be read (permissions, a directory, an I/O error). */
        UNREADABLE,
        /** The file does not start with the rdht identity file header. */
        NOT_IDENTITY_FILE,
        /** The file is an rdht identity file of a version this build does not read. */
        UNSUPPORTED_VERSION,
        /** The file ends before its declared contents do. */
        TRUNCATED,
        /** The file's bytes do not match its checksum or framing. */
        CORRUPT,
        /** The file is intact but holds keys other than one Ed25519 and one HPKE X25519 key. */
        WRONG_KEY_TYPE,
        /** The file or its temporary sibling could not be written. */
        UNWRITABLE
    }

    /** The identity file concerned. */
    private final Path file;
    /** What is wrong with the file. */
    private final Problem problem;

    IdentityFileException(Path file, Problem problem, String detail) {
        super(message(file, detail));
        this.file = file;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    IdentityFileException(Path file, Problem problem, String detail, Throwable cause) {
        super(message(file, detail), cause);
        this.file = file;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * The identity file concerned.
     *
     * @return the path of the file
     */
    public Path file() {
        return file;
    }

    /**
     * What is wrong with the file.
     *
     * @return the kind of problem
     */
    public Problem problem() {
        return problem;
    }

    private static String message(Path file, String detail) {
        return "identity file " + Objects.requireNonNull(file, "file") + ": " + detail;
    }
}
