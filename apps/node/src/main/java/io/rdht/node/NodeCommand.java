package io.rdht.node;

import io.rdht.cli.CommandVersion;
import io.rdht.cli.ExitCode;
import io.rdht.cli.HttpAccess;
import io.rdht.cli.HttpAddress;
import io.rdht.cli.ServiceLogging;
import io.rdht.cli.UserError;
import io.rdht.cli.config.Settings;
import io.rdht.cli.config.SettingsAware;
import io.rdht.core.DhtConfig;
import io.rdht.core.NodeObserver;
import io.rdht.http.proxy.GatewaySettings;
import io.rdht.store.SqliteStateStore;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rdht node}: a node without a console, for services and containers. It runs in the
 * foreground, logs one line per event to standard output, never reads standard input, and stops
 * cleanly (exit 0) on SIGTERM or SIGINT.
 */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        versionProvider = CommandVersion.class,
        sortOptions = false,
        description = {
            "Runs a node without a console until SIGTERM or SIGINT (for systemd, containers).",
            "Logs to standard output; settings from flags, RDHT_* variables and rdht.toml (see rdht config)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by SIGTERM or SIGINT",
            "1:the node could not start (e.g. port in use)",
            "2:invalid option, variable or configuration file",
            "4:identity file unreadable or invalid"
        })
final class NodeCommand implements Callable<Integer>, SettingsAware {

    private static final Logger log = LoggerFactory.getLogger("io.rdht.node");

    @ParentCommand
    private RdhtCommand root;

    @Mixin
    private StorageOptions storage;

    @Mixin
    private StateOptions state;

    @Option(
            names = "--http",
            paramLabel = "[HOST:]PORT",
            description = "Serve /metrics, /health, /{key}/events and OpenDHT's REST proxy API (docs/HTTP.md) over HTTP"
                    + " on this address (a port alone: 127.0.0.1); off by default.")
    private String http;

    @Option(
            names = "--http-token",
            paramLabel = "TOKEN",
            description = "With --http: puts through the gateway need 'Authorization: Bearer TOKEN' (16+ characters);"
                    + " better set in rdht.toml or RDHT_HTTP_TOKEN than here, where ps shows it.")
    private String httpToken;

    @Option(
            names = "--http-cors",
            paramLabel = "ORIGIN",
            split = ",",
            description =
                    "With --http: browser pages of these origins (http(s)://HOST[:PORT], or *) may call the gateway; none by default.")
    private List<String> httpCors = new ArrayList<>();

    private Settings settings;

    @Override
    public void settings(Settings merged) {
        this.settings = merged;
    }

    @Override
    public Integer call() throws InterruptedException {
        StopSignals signals = StopSignals.install();
        ServiceLogging.toStandardOutput(root.verbose());
        InetSocketAddress httpAddress = httpAddress();
        NodeMetrics metrics = httpAddress == null ? null : new NodeMetrics();
        // a service keeps its state unless told not to: its id, contacts and the values it holds
        Optional<SqliteStateStore> kept = state.open(root.env(), true);
        Runnable closeState = () -> kept.ifPresent(SqliteStateStore::close);
        NodeService service;
        try {
            NodeSetup setup = NodeSetup.of(
                    root.network(),
                    storage,
                    DhtConfig.DEFAULT_PORT,
                    root.network().bootstrap(root.env(), List.of()),
                    Identities.loadOrCreate(root.identityFile()),
                    false,
                    kept.orElse(null),
                    metrics == null ? NodeObserver.NONE : metrics.observer());
            kept.ifPresent(s -> log.info("{}", NodeStarter.describeState(s)));
            String file = settings == null
                    ? "none"
                    : settings.file().map(Object::toString).orElse("none");
            service = NodeService.start(setup, file, httpAddress, gatewaySettings(), metrics, closeState);
        } catch (RuntimeException e) {
            closeState.run();
            throw e;
        }
        try (service) {
            service.stop(signals.await());
        }
        return ExitCode.OK.code();
    }

    /** The gateway's token and origins; a flag's value is checked here, a file's or variable's on merging. */
    private GatewaySettings gatewaySettings() {
        Optional<String> token =
                Optional.ofNullable(httpToken).map(t -> checked("--http-token", t, HttpAccess::checkToken));
        List<String> origins = httpCors.stream()
                .map(o -> checked("--http-cors", o, HttpAccess::checkOrigin))
                .toList();
        return new GatewaySettings(token, origins);
    }

    private static String checked(String flag, String value, UnaryOperator<String> check) {
        try {
            return check.apply(value);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, flag + ": " + e.getMessage());
        }
    }

    private InetSocketAddress httpAddress() {
        if (http == null) {
            return null;
        }
        try {
            return HttpAddress.parse(http);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, "--http: " + e.getMessage());
        }
    }
}
