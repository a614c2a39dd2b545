package io.rdht.node;

import io.rdht.cli.config.ConfiguredExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** The entry point of the {@code rdht} process: parses the command line, runs it, exits with its code. */
public final class Main {

    private Main() {}

    /** Runs {@code rdht} with {@code args} and exits with the command's exit code. */
    public static void main(String[] args) {
        // Since JDK 22 System.console() may return a console even for a pipe; the java.base
        // implementation returns one only for a terminal, which is what decides between the
        // line editor and plain lines.
        System.setProperty("jdk.console", "java.base");
        System.exit(run(args, System.getenv(), System.console() != null));
    }

    /** Runs {@code rdht} and returns its exit code, without exiting. */
    static int run(String[] args, Map<String, String> env, boolean interactive) {
        return commandLine(env, interactive).execute(args);
    }

    /** The command line of {@code rdht}, its settings merged from flags, {@code env} and the configuration file. */
    static CommandLine commandLine(Map<String, String> env, boolean interactive) {
        RdhtCommand rdht = new RdhtCommand(env, interactive);
        CommandLine commandLine = new CommandLine(rdht)
                .setExecutionStrategy(new ConfiguredExecution(env))
                .setExecutionExceptionHandler(new ErrorReport(rdht::verbose));
        commandLine.getCommandSpec().usageMessage().footer(footer());
        return commandLine;
    }

    private static String[] footer() {
        List<String> footer = new ArrayList<>(List.of("", "Console"));
        footer.addAll(Help.lines());
        footer.addAll(List.of(
                "", "Exit codes: 0 done, 1 failed, 2 bad input (option, key, value), " + "3 no node answered."));
        return footer.toArray(String[]::new);
    }
}
