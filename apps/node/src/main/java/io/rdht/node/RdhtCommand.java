package io.rdht.node;

import io.rdht.cli.CommandVersion;
import io.rdht.cli.ConfigDirectory;
import io.rdht.cli.Logging;
import io.rdht.cli.NetworkOptions;
import io.rdht.cli.config.ConfigOption;
import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.NodeObserver;
import io.rdht.store.SqliteStateStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
@Command(
        name = "rdht",
        mixinStandardHelpOptions = true,
        versionProvider = CommandVersion.class,
        subcommands = {
            NodeCommand.class,
            ConfigCommand.class,
            GetCommand.class,
            PutCommand.class,
            SelftestCommand.class,
            DemoCommand.class
        },
        description = {
            "Runs a DHT node with an interactive console (like OpenDHT's dhtnode).",
            "Without -b or $" + NetworkOptions.BOOTSTRAP_VARIABLE + " it is the first node of a new network."
        })
public final class RdhtCommand implements Callable<Integer> {

    @Mixin
    private NetworkOptions network;

    @Mixin
    private StorageOptions storage;

    @Mixin
    private StateOptions state;

    @Mixin
    private ConfigOption config;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Show debug logs.")
    private boolean verbose;

    @Option(
            names = "--identity",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
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
        List<InetSocketAddress> bootstrap = network.bootstrap(env, List.of());
        // the console keeps no state unless asked: two consoles on one machine would share it
        Optional<SqliteStateStore> kept = state.open(env, false);
        NodeSetup setup;
        DhtNode node;
        try {
            setup = NodeSetup.of(
                    network,
                    storage,
                    DhtConfig.DEFAULT_PORT,
                    bootstrap,
                    Identities.loadOrCreate(identityFile),
                    false,
                    kept.orElse(null),
                    NodeObserver.NONE);
            node = NodeStarter.start(setup);
        } catch (RuntimeException e) {
            kept.ifPresent(SqliteStateStore::close);
            throw e;
        }
        // Ctrl-C while a command runs, or SIGTERM, still hands the values on and tells the peers;
        // the state is closed after the node, so that its last contacts are written.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            GracefulStop.leave(node);
                            kept.ifPresent(SqliteStateStore::close);
                        },
                        "rdht-leave"));
        Scheduler printing = Schedulers.newSingle("rdht-print", true);
        try (LineSource in = openInput()) {
            in.printer()
                    .println(NodeStarter.describe(
                            node,
                            bootstrap,
                            kept.map(k -> k.saved().contacts().size()).orElse(0)));
            kept.ifPresent(s -> in.printer().println(NodeStarter.describeState(s)));
            CommandRunner runner = new CommandRunner(node, setup, in.printer(), printing);
            try {
                new Console(in, runner).run();
            } finally {
                runner.close();
            }
            GracefulStop.leave(node).ifPresent(in.printer()::println);
        } finally {
            node.close();
            printing.dispose();
            kept.ifPresent(SqliteStateStore::close);
        }
        return 0;
    }

    private LineSource openInput() throws IOException {
        return interactive
                ? JLineSource.open(JLineSource.historyFile(env))
                : new PlainLineSource(System.in, System.out);
    }

    /** The identity file, wherever on the command line it was given. */
    Path identityFile() {
        return identityFile;
    }

    /** The network options, wherever on the command line they were given. */
    NetworkOptions network() {
        return network;
    }

    /** The state options. */
    StateOptions state() {
        return state;
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
