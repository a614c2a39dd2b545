package io.rdht.cli;

import io.rdht.core.DhtException;
import io.rdht.crypto.CryptoException;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Runs a picocli command as a process entry point: user errors become one line on stderr and a
 * documented exit code, never a stack trace.
 */
public final class CommandRunner {

    private CommandRunner() {
    }

    /** Runs {@code command} with {@code args} and returns the exit code. */
    public static int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command)
                .registerConverter(Duration.class, new DurationConverter())
                .setExitCodeExceptionMapper(CommandRunner::exitCodeOf);
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getCommandLine().getCommandName() + ": " + e.getMessage());
            e.getCommandLine().usage(err);
            return ExitCode.BAD_INPUT.code();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println(commandLine.getCommandName() + ": " + messageOf(e));
            return exitCodeOf(e);
        });
        return cli.execute(args);
    }

    private static int exitCodeOf(Throwable e) {
        return switch (e) {
            case UserError u -> u.exitCode().code();
            case DhtException.NoReachableNodes n -> ExitCode.NO_NETWORK.code();
            case DhtException.InvalidValue v -> ExitCode.BAD_INPUT.code();
            case CryptoException c -> ExitCode.BAD_IDENTITY.code();
            default -> ExitCode.FAILED.code();
        };
    }

    private static String messageOf(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
