package io.rdht.cli;

import io.rdht.cli.config.ConfiguredExecution;
import io.rdht.core.DhtException;
import io.rdht.crypto.CryptoException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs a picocli command as a process entry point: user errors become one line on stderr and a
 * documented exit code, never a stack trace.
 */
public final class CommandRunner {

    private CommandRunner() {}

    /**
     * Runs {@code command} with {@code args}, its settings merged from the flags, the
     * environment and the configuration file, and returns the exit code.
     */
    public static int run(Object command, String... args) {
        return commandLine(command, System.getenv()).execute(args);
    }

    /** The command line of {@code command}, reading settings from {@code env} and the configuration file. */
    public static CommandLine commandLine(Object command, Map<String, String> env) {
        CommandLine cli = new CommandLine(command)
                .registerConverter(Duration.class, new DurationConverter())
                .setExecutionStrategy(new ConfiguredExecution(env))
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
        return cli;
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
