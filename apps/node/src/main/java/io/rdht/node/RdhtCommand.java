package io.rdht.node;

import io.rdht.cli.Logging;
import io.rdht.cli.NetworkOptions;
import io.rdht.cli.config.ConfigOption;
import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.cli.ConfigDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code rdht}: runs a node and an interactive console on it until {@code x} or the end of input.
 * With a terminal the console edits lines and keeps a history; with a pipe it reads plain lines,
 * so scripts and tests can drive it.
 */
@Command(name = "rdht", mixinStandardHelpOptions = true, version = "rdht 0.1.0",
        subcommands = {NodeCommand.class, ConfigCommand.class, GetCommand.class, PutCommand.class, SelftestCommand.class,
                DemoCommand.class},
        description = {"Runs a DHT node with an interactive console (like OpenDHT's dhtnode).",
                "Without -b or $" + NetworkOptions.BOOTSTRAP_VARIABLE + " it is the first node of a new network."})
public final class RdhtCommand implements Callable<Integer> {

    @Mixin
    private NetworkOptions network;

    @Mixin
    private StorageOptions storage;

    @Mixin
    private ConfigOption config;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Show debug logs.")
    private boolean verbose;

    @Option(names = "--identity", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Identity file for signed puts, created on first use (default: ${DEFAULT-VALUE}).")
    private Path identityFile = ConfigDirectory.resolve("node.identity");

    private final Map<String, String> env;
    private final boolean interactive;

    /**
     * The command, reading {@code env} for the bootstrap variable and the config directory;
     * {@code interactive} when standard input and output are a terminal.
     */
    public RdhtCommand(Map<String, String> env, boolean interactive) {
        this.env = Map.copyOf(env);
        this.interactive = interactive;
    }

    @Override
    public Integer call() throws IOException {
        Logging.configure(verbose);
        NodeSetup setup = NodeSetup.of(network, storage, DhtConfig.DEFAULT_PORT, network.bootstrap(env, List.of()),
                Identities.loadOrCreate(identityFile), false);
        DhtNode node = NodeStarter.start(setup);
        // Ctrl-C while a command runs, or a kill, still cancels our listens and unbinds cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "rdht-close"));
        Scheduler printing = Schedulers.newSingle("rdht-print", true);
        try (node; LineSource in = openInput()) {
            in.printer().println(NodeStarter.describe(node, setup.bootstrap()));
            CommandRunner runner = new CommandRunner(node, setup, in.printer(), printing, Clock.systemUTC());
            try {
                new Console(in, runner).run();
            } finally {
                runner.close();
            }
        } finally {
            printing.dispose();
        }
        return 0;
    }

    private LineSource openInput() throws IOException {
        return interactive ? JLineSource.open(JLineSource.historyFile(env)) : new PlainLineSource(System.in, System.out);
    }

    /** The identity file, wherever on the command line it was given. */
    Path identityFile() {
        return identityFile;
    }

    /** The network options, wherever on the command line they were given. */
    NetworkOptions network() {
        return network;
    }

    /** The storage limits. */
    StorageOptions storage() {
        return storage;
    }

    /** The configuration file named by {@code --config}, or {@code null}. */
    String configFile() {
        return config.file();
    }

    /** Whether {@code -v} was given. */
    boolean verbose() {
        return verbose;
    }

    /** The environment. */
    Map<String, String> env() {
        return env;
    }
}
