package io.rdht.cli.config;

import io.rdht.cli.UserError;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * Runs a parsed command line as picocli's {@link CommandLine.RunLast} does, after merging the
 * settings of the environment and the configuration file into the options no flag set. A bad
 * setting reaches the command line's execution exception handler as the {@link UserError} it is.
 */
public final class ConfiguredExecution implements IExecutionStrategy {

    private final Map<String, String> env;

    /** Reads settings from {@code env} and the configuration file. */
    public ConfiguredExecution(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public int execute(ParseResult parsed) {
        if (!helpRequested(parsed)) {
            try {
                Settings settings = Settings.apply(parsed, env);
                if (parsed.asCommandLineList().getLast().getCommand() instanceof SettingsAware aware) {
                    aware.settings(settings);
                }
            } catch (UserError e) {
                throw new ExecutionException(parsed.asCommandLineList().getLast(), e.getMessage(), e);
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static boolean helpRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }
}
