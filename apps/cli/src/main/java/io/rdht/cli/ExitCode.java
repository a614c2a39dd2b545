package io.rdht.cli;

/** The exit codes of rdht's commands, as documented in the README. */
public enum ExitCode {
    /** Done. */
    OK(0),
    /** Something failed that is not the user's input nor the network (a bug or the machine). */
    FAILED(1),
    /** The command line or the input is invalid (unknown option, bad JSON, value out of range). */
    BAD_INPUT(2),
    /** No node of the network answered in time. */
    NO_NETWORK(3),
    /** The identity file cannot be read, written or understood. */
    BAD_IDENTITY(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }
}
