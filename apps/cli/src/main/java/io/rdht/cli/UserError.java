package io.rdht.cli;

/** A problem the user can fix, reported as one line and an exit code, never as a stack trace. */
public final class UserError extends RuntimeException {

    private final ExitCode exitCode;

    /** An error with its message and exit code. */
    public UserError(ExitCode exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The exit code the command ends with. */
    public ExitCode exitCode() {
        return exitCode;
    }
}
