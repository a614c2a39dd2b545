package io.rdht.cli;

import io.rdht.core.DhtConfig;
import io.rdht.core.HostPort;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every rdht command takes to join a network: its own port and the nodes to join
 * through. Bootstrap nodes come from {@code --bootstrap}, else the {@code DHT_BOOTSTRAP}
 * variable (comma-separated {@code host:port}), else the command's default.
 *
 * <p>The options are inherited by subcommands, so {@code rdht -b h:p get k} and
 * {@code rdht get k -b h:p} mean the same; the values land in the command that declares the mixin.
 */
public final class NetworkOptions {

    /** The environment variable read when no {@code --bootstrap} is given. */
    public static final String BOOTSTRAP_VARIABLE = "DHT_BOOTSTRAP";

    @Option(
            names = {"-p", "--port"},
            paramLabel = "PORT",
            scope = ScopeType.INHERIT,
            description = "UDP port of this node (0: any free port).")
    private Integer port;

    @Option(
            names = {"-b", "--bootstrap"},
            paramLabel = "HOST:PORT",
            split = ",",
            scope = ScopeType.INHERIT,
            description = "Node(s) to join through; else $" + BOOTSTRAP_VARIABLE + ".")
    private List<String> bootstrap = new ArrayList<>();

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            scope = ScopeType.INHERIT,
            description = "Local address to bind (default: ::, every IPv4 and IPv6 address).")
    private String bind = DhtConfig.WILDCARD;

    @Option(
            names = "--network",
            paramLabel = "ID",
            scope = ScopeType.INHERIT,
            description = "Network id; nodes of other networks are ignored.")
    private int networkId;

    /** The port given, or {@code fallback}. */
    public int port(int fallback) {
        return port != null ? port : fallback;
    }

    /** The address to bind. */
    public String bind() {
        return bind;
    }

    /** The network id. */
    public int networkId() {
        return networkId;
    }

    /**
     * The bootstrap nodes: the flag's, else the environment's, else {@code fallback}.
     *
     * @throws UserError (exit 2) naming the bad entry and where it came from
     */
    public List<InetSocketAddress> bootstrap(Map<String, String> env, List<String> fallback) {
        List<String> given = bootstrap;
        String source = "--bootstrap";
        if (given.isEmpty()
                && env.get(BOOTSTRAP_VARIABLE) != null
                && !env.get(BOOTSTRAP_VARIABLE).isBlank()) {
            given = List.of(env.get(BOOTSTRAP_VARIABLE).split(","));
            source = BOOTSTRAP_VARIABLE;
        }
        if (given.isEmpty()) {
            given = fallback;
            source = "default";
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (String hp : given) {
            try {
                out.add(HostPort.parse(hp.strip()));
            } catch (IllegalArgumentException e) {
                throw new UserError(ExitCode.BAD_INPUT, source + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** Whether bootstrap nodes were named on the command line or in the environment. */
    public boolean bootstrapGiven(Map<String, String> env) {
        return !bootstrap.isEmpty()
                || (env.get(BOOTSTRAP_VARIABLE) != null
                        && !env.get(BOOTSTRAP_VARIABLE).isBlank());
    }

    /** A node configuration with these options, joining through {@code nodes}. */
    public DhtConfig.Builder configure(DhtConfig.Builder builder, int defaultPort, List<InetSocketAddress> nodes) {
        return builder.bindHost(bind).port(port(defaultPort)).bootstrap(nodes).networkId(networkId);
    }
}
