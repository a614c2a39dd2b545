package io.rdht.monitor;

import io.rdht.cli.CommandRunner;
import io.rdht.cli.CommandVersion;
import io.rdht.cli.Logging;
import io.rdht.cli.NetworkOptions;
import io.rdht.cli.NodeLauncher;
import io.rdht.cli.Reading;
import io.rdht.cli.config.ConfigOption;
import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import reactor.core.Disposable;

/** {@code monitor}: follows the pollution readings live. */
@Command(
        name = "monitor",
        mixinStandardHelpOptions = true,
        versionProvider = CommandVersion.class,
        sortOptions = false,
        description = {
            "Follows pollution_level and shows each reading as it arrives; --web also on a live map in a browser.",
            "Without --bootstrap (or DHT_BOOTSTRAP) it is the first node of a new network, on port 4242."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped",
            "1:the node could not start (e.g. port in use)",
            "2:invalid arguments",
            "3:no node answered at the bootstrap address"
        })
public final class Monitor implements Callable<Integer> {

    @Mixin
    private NetworkOptions network;

    @Mixin
    private ConfigOption config;

    @Mixin
    private WebOptions web;

    @Option(names = "--json", description = "One JSON object per reading and line.")
    private boolean json;

    @Option(names = "--plain", description = "One line per reading, even on a terminal.")
    private boolean plain;

    @Option(names = "--key", paramLabel = "NAME", description = "Key to follow (default: ${DEFAULT-VALUE}).")
    private String key = Reading.KEY;

    @Option(
            names = {"-v", "--verbose"},
            description = "Debug logs on stderr.")
    private boolean verbose;

    /** Runs the command; exits with its code. */
    public static void main(String[] args) {
        System.exit(CommandRunner.run(new Monitor(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Logging.configure(verbose);
        List<InetSocketAddress> bootstrap = network.bootstrap(System.getenv(), List.of());
        DhtNode node = NodeLauncher.start(
                network.configure(DhtConfig.builder(), DhtConfig.DEFAULT_PORT, bootstrap)
                        .build(),
                Duration.ofSeconds(15));
        if (!bootstrap.isEmpty()) {
            NodeLauncher.requireJoined(node, bootstrap);
        }
        String joined =
                bootstrap.isEmpty() ? "first node of a new network" : "joined via " + NodeLauncher.describe(bootstrap);
        String title = "monitor: node " + node.id().shortHex() + " on port "
                + node.address().getPort() + ", " + joined + ", following " + key;
        System.err.println(title);
        InfoHash followed = InfoHash.isHex(key) ? InfoHash.fromHex(key) : InfoHash.of(key);
        WebMap map = null;
        if (web.address() != null) {
            try {
                map = WebMap.start(node, followed, key, web.address(), web.tiles());
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
            System.err.println("monitor: live map on " + map.url());
        }

        ReadingStream.Mode mode = json
                ? ReadingStream.Mode.JSON
                : System.console() != null && !plain ? ReadingStream.Mode.TABLE : ReadingStream.Mode.LINES;
        Disposable following = ReadingStream.follow(node, followed, mode, title, System.out);

        CountDownLatch stopped = new CountDownLatch(1);
        WebMap served = map;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            following.dispose();
            if (served != null) {
                served.close();
            }
            node.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
