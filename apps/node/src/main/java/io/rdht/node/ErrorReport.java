package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.core.DhtException;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one line on standard error and an exit code: a
 * {@link UserError} its own code, a network that did not answer 3, any other failure of the DHT 1.
 * Anything else is a bug: its message and exit 1, and the stack trace with {@code -v}.
 */
final class ErrorReport implements IExecutionExceptionHandler {

    private final BooleanSupplier verbose;

    ErrorReport(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        ExitCode code = switch (ex) {
            case UserError e -> {
                err.println("rdht: " + e.getMessage());
                yield e.exitCode();
            }
            case DhtException.NoReachableNodes e -> {
                err.println("rdht: " + e.getMessage());
                yield ExitCode.NO_NETWORK;
            }
            case DhtException e -> {
                err.println("rdht: " + e.getMessage());
                yield ExitCode.FAILED;
            }
            default -> {
                err.println("rdht: unexpected error: " + ex + (verbose.getAsBoolean() ? "" : " (-v shows where)"));
                if (verbose.getAsBoolean()) {
                    ex.printStackTrace(err);
                }
                yield ExitCode.FAILED;
            }
        };
        err.flush();
        return code.code();
    }
}
