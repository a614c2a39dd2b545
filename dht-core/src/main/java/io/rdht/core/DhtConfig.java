package io.rdht.core;

import io.rdht.core.engine.EngineSettings;
import io.rdht.core.routing.IdBinding;
import io.rdht.core.state.StateStore;
import io.rdht.core.transport.Transport;
import io.rdht.core.transport.UdpTransport;
import io.rdht.crypto.Identity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Immutable configuration of a {@link DhtNode}. Built with {@link #builder()}; each setter checks
 * its value at once and names the setting when it refuses one.
 *
 * @param bindAddress   the UDP address to bind (port 0: any free port); the IPv6 wildcard {@code ::}
 *                      (the default) serves IPv4 and IPv6 on one dual-stack socket, and falls back
 *                      to {@code 0.0.0.0} on a host without IPv6
 * @param bootstrap     nodes to join through, unresolved; empty for the first node of a network
 * @param nodeId        this node's id, or {@code null} for a random one
 * @param settings      protocol parameters (network id, K, ALPHA, timeouts, storage limits)
 * @param transport     how datagrams travel: real UDP or an in-memory network
 * @param randomSeed    a seed for reproducible runs; empty for secure randomness
 * @param listenBuffer  events a listen subscriber may fall behind before its stream ends with
 *                      {@link DhtException.ListenOverflow}
 * @param identity      the keys the node signs with and decrypts for; {@code null} for a node that
 *                      does neither (it still verifies every signed value)
 * @param stateStore    where the node keeps its id, contacts and stored values across restarts;
 *                      {@code null} to keep nothing
 * @param observer      hooks a metrics library watches the node through; {@link NodeObserver#NONE}
 *                      by default
 */
public record DhtConfig(
        InetSocketAddress bindAddress,
        List<InetSocketAddress> bootstrap,
        InfoHash nodeId,
        EngineSettings settings,
        Transport transport,
        OptionalLong randomSeed,
        int listenBuffer,
        Identity identity,
        StateStore stateStore,
        NodeObserver observer) {

    /** The port OpenDHT and rdht's apps use by default. */
    public static final int DEFAULT_PORT = 4242;
    /** The default bind host: the IPv6 wildcard, a dual-stack socket that serves both families. */
    public static final String WILDCARD = "::";
    /** Events a listen subscriber may fall behind by default. */
    public static final int DEFAULT_LISTEN_BUFFER = 1024;

    /** Checks the parts that the builder cannot have checked. */
    public DhtConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        bootstrap = List.copyOf(bootstrap);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(randomSeed, "randomSeed");
        Objects.requireNonNull(observer, "observer");
        if (listenBuffer < 1) {
            throw new IllegalArgumentException("listenBuffer must be ≥ 1, got " + listenBuffer);
        }
    }

    /**
     * A builder for a node on any free port of all interfaces, IPv4 and IPv6, over real UDP, with
     * default settings.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DhtConfig}. */
    public static final class Builder {
        private String host = WILDCARD;
        private int port;
        private final List<InetSocketAddress> bootstrap = new ArrayList<>();
        private InfoHash nodeId;
        private EngineSettings settings = EngineSettings.defaults();
        private Transport transport = UdpTransport.shared();
        private OptionalLong seed = OptionalLong.empty();
        private int listenBuffer = DEFAULT_LISTEN_BUFFER;
        private Identity identity;
        private StateStore stateStore;
        private NodeObserver observer = NodeObserver.NONE;

        private Builder() {}

        /** The UDP port to bind, 0 for any free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The local address to bind, e.g. {@code 127.0.0.1} (IPv4 only) or {@code ::1} (IPv6 only);
         * {@code ::}, every interface of both families, by default.
         */
        public Builder bindHost(String host) {
            this.host = Objects.requireNonNull(host, "bindHost");
            return this;
        }

        /** Adds nodes to join through, each as {@code host:port}. */
        public Builder bootstrap(String... hostPorts) {
            for (String hp : hostPorts) {
                try {
                    bootstrap.add(HostPort.parse(hp));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bootstrap: " + e.getMessage(), e);
                }
            }
            return this;
        }

        /** Adds nodes to join through. */
        public Builder bootstrap(List<InetSocketAddress> nodes) {
            bootstrap.addAll(nodes);
            return this;
        }

        /**
         * This node's id; random by default. Under id binding
         * ({@link EngineSettings#withIdBinding}) it must fit the bound address: {@link #build()}
         * refuses one that does not fit a literal bind address, and the node's start one that does
         * not fit the address it bound.
         */
        public Builder nodeId(InfoHash id) {
            this.nodeId = Objects.requireNonNull(id, "nodeId");
            return this;
        }

        /** Protocol parameters; {@link EngineSettings#defaults()} by default. */
        public Builder settings(EngineSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The transport; the JVM-wide {@link UdpTransport#shared()} by default. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Makes ids, transaction ids and token secrets reproducible (for simulations only). */
        public Builder randomSeed(long seed) {
            this.seed = OptionalLong.of(seed);
            return this;
        }

        /** Events a listen subscriber may fall behind before its stream ends; 1,024 by default. */
        public Builder listenBuffer(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("listenBuffer must be ≥ 1, got " + events);
            }
            this.listenBuffer = events;
            return this;
        }

        /** The identity that signs this node's signed puts and decrypts the values sent to it; none by default. */
        public Builder identity(Identity identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /**
         * Where the node keeps its state across restarts: its id (unless {@link #nodeId} is given),
         * routing contacts and the values it stores for others; none by default, and then nothing
         * outlives the node. The node does not close the store: close it after the node.
         */
        public Builder stateStore(StateStore store) {
            this.stateStore = Objects.requireNonNull(store, "stateStore");
            return this;
        }

        /**
         * Hooks through which a metrics library watches the node, e.g. dht-metrics' {@code DhtMetrics}
         * on a Micrometer {@code MeterRegistry}; none by default.
         */
        public Builder observer(NodeObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException when id binding is on and the chosen {@link #nodeId}
         *     does not fit the literal {@link #bindHost}
         */
        public DhtConfig build() {
            checkIdFitsBindHost();
            return new DhtConfig(
                    InetSocketAddress.createUnresolved(host, port),
                    bootstrap,
                    nodeId,
                    settings,
                    transport,
                    seed,
                    listenBuffer,
                    identity,
                    stateStore,
                    observer);
        }

        private void checkIdFitsBindHost() {
            IdBinding rule = settings.routing().idBinding();
            // a literal address only: a host name would need a DNS lookup here
            if (nodeId == null || !rule.enforce() || !(host.contains(":") || host.matches("[0-9.]+"))) {
                return;
            }
            InetAddress ip;
            try {
                ip = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                return; // not an address after all: the bind reports it
            }
            if (!ip.isAnyLocalAddress() && rule.appliesTo(ip) && !IdBinding.fits(nodeId, ip)) {
                throw OwnId.unfit(nodeId, ip);
            }
        }
    }
}
