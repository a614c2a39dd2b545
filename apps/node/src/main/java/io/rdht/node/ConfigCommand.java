package io.rdht.node;

import io.rdht.cli.CommandRunner;
import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.cli.config.Settings;
import io.rdht.monitor.Monitor;
import io.rdht.sensor.Sensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code rdht config [COMMAND [FLAGS...]]}: the settings a command would run with, merged from
 * its flags, the environment, the configuration file and its defaults, and where each came from.
 * It checks the whole configuration file for that command as the command itself would.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the settings COMMAND would run with and where each came from: flag, environment, "
                    + "file (with its line) or default.",
            "COMMAND: node (default), rdht, get, put, demo, sensor or monitor; FLAGS are that command's."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:invalid command, flag, variable or configuration file"})
final class ConfigCommand implements Callable<Integer> {

    private static final List<String> RDHT_SUBCOMMANDS = List.of("node", "get", "put", "demo");

    @ParentCommand
    private RdhtCommand root;

    @Spec
    private CommandSpec spec;

    // COMMAND and its flags, which picocli would refuse as config's own; read back from the whole
    // command line in argsAfterConfig
    @Unmatched
    private List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> rest = argsAfterConfig();
        String target = rest.isEmpty() || rest.getFirst().startsWith("-") ? "node" : rest.removeFirst();
        CommandLine commandLine;
        List<String> args = new ArrayList<>();
        switch (target) {
            case "sensor" -> commandLine = CommandRunner.commandLine(new Sensor(), root.env());
            case "monitor" -> commandLine = CommandRunner.commandLine(new Monitor(), root.env());
            case "rdht" -> commandLine = Main.commandLine(root.env(), false);
            default -> {
                if (!RDHT_SUBCOMMANDS.contains(target)) {
                    throw new UserError(
                            ExitCode.BAD_INPUT,
                            "config: no command " + target + " (node, rdht, get, put, demo, sensor or monitor)");
                }
                commandLine = Main.commandLine(root.env(), false);
                args.add(target);
            }
        }
        args.addAll(rest);
        Settings settings = Settings.apply(parse(commandLine, args), root.env());
        PrintWriter out = spec.commandLine().getOut();
        settings.describe().forEach(out::println);
        out.flush();
        return ExitCode.OK.code();
    }

    /** What followed {@code config} on the command line, with {@code --config} if it stood before. */
    private List<String> argsAfterConfig() {
        ParseResult whole = spec.commandLine().getParent().getParseResult();
        List<String> original = whole.originalArgs();
        List<String> rest = new ArrayList<>(original.subList(original.indexOf("config") + 1, original.size()));
        String file = root.configFile();
        if (file != null && !rest.contains(Settings.CONFIG_OPTION)) {
            rest.addAll(List.of(Settings.CONFIG_OPTION, file));
        }
        return rest;
    }

    /** Parses {@code args}; a missing argument (a sensor's reading, a key) does not matter here. */
    private static ParseResult parse(CommandLine commandLine, List<String> args) {
        collectErrors(commandLine);
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UserError(ExitCode.BAD_INPUT, e.getMessage());
        }
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (Exception e : p.errors()) {
                if (!(e instanceof CommandLine.MissingParameterException)) {
                    throw new UserError(ExitCode.BAD_INPUT, e.getMessage());
                }
            }
        }
        return parsed;
    }

    private static void collectErrors(CommandLine commandLine) {
        commandLine.getCommandSpec().parser().collectErrors(true);
        commandLine.getSubcommands().values().forEach(ConfigCommand::collectErrors);
    }
}
