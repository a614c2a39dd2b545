package io.rdht.core;

import io.rdht.core.engine.EngineSettings;
import io.rdht.core.internal.InternalConfig;
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
 * its value at once and names the setting when it refuses one. Every protocol parameter not set
 * here (K, ALPHA, timeouts, storage and rate limits) has the defaults docs/TUNING.md explains.
 */
public final class DhtConfig {

    /** The port OpenDHT and rdht's apps use by default. */
    public static final int DEFAULT_PORT = 4242;
    /** The default bind host: the IPv6 wildcard, a dual-stack socket that serves both families. */
    public static final String WILDCARD = "::";
    /** Events a listen subscriber may fall behind by default. */
    public static final int DEFAULT_LISTEN_BUFFER = 1024;

    static {
        InternalConfig.install(new InternalDoors());
    }

    private final InetSocketAddress bindAddress;
    private final List<InetSocketAddress> bootstrap;
    private final InfoHash nodeId;
    private final EngineSettings settings;
    private final Transport transport;
    private final OptionalLong randomSeed;
    private final int listenBuffer;
    private final Identity identity;
    private final StateStore stateStore;
    private final NodeObserver observer;

    private DhtConfig(Builder b) {
        this.bindAddress = InetSocketAddress.createUnresolved(b.host, b.port);
        this.bootstrap = List.copyOf(b.bootstrap);
        this.nodeId = b.nodeId;
        this.settings = b.settings;
        this.transport = b.transport;
        this.randomSeed = b.seed;
        this.listenBuffer = b.listenBuffer;
        this.identity = b.identity;
        this.stateStore = b.stateStore;
        this.observer = b.observer;
    }

    /**
     * A builder for a node on any free port of all interfaces, IPv4 and IPv6, over real UDP, with
     * default settings.
     *
     * @return a builder holding the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The UDP address to bind, unresolved (port 0: any free port); the IPv6 wildcard {@code ::}
     * (the default) serves IPv4 and IPv6 on one dual-stack socket, and falls back to
     * {@code 0.0.0.0} on a host without IPv6.
     *
     * @return the address to bind
     */
    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    /**
     * The nodes to join through, unresolved.
     *
     * @return the bootstrap nodes; empty for the first node of a network
     */
    public List<InetSocketAddress> bootstrap() {
        return bootstrap;
    }

    /**
     * This node's id.
     *
     * @return the id, or {@code null} for a random one (or the one its saved state holds)
     */
    public InfoHash nodeId() {
        return nodeId;
    }

    /**
     * The seed that makes ids, transaction ids and token secrets reproducible.
     *
     * @return the seed; empty for secure randomness
     */
    public OptionalLong randomSeed() {
        return randomSeed;
    }

    /**
     * Events a listen subscriber may fall behind before its stream ends with {@link
     * DhtException.ListenOverflow}.
     *
     * @return the buffer size, at least 1
     */
    public int listenBuffer() {
        return listenBuffer;
    }

    /**
     * The keys the node signs with and decrypts for.
     *
     * @return the identity, or {@code null} for a node that does neither (it still verifies every
     *     signed value)
     */
    public Identity identity() {
        return identity;
    }

    /**
     * The hooks a metrics library watches the node through.
     *
     * @return the observer; {@link NodeObserver#NONE} by default
     */
    public NodeObserver observer() {
        return observer;
    }

    /**
     * The network this node belongs to: it drops the messages of other networks.
     *
     * @return the network id; 0 by default
     */
    public int networkId() {
        return settings.networkId();
    }

    /**
     * Whether the node uses the network without serving it.
     *
     * @return {@code true} for a read-only node; see {@link Builder#readOnly(boolean)}
     */
    public boolean readOnly() {
        return settings.readOnly();
    }

    EngineSettings settings() {
        return settings;
    }

    Transport transport() {
        return transport;
    }

    StateStore stateStore() {
        return stateStore;
    }

    @Override
    public String toString() {
        return "DhtConfig[bindAddress=" + bindAddress + ", bootstrap=" + bootstrap + ", nodeId=" + nodeId
                + ", networkId=" + networkId() + ", readOnly=" + readOnly() + ", listenBuffer=" + listenBuffer
                + ", identity=" + (identity != null) + ", stateStore=" + (stateStore != null) + "]";
    }

    /**
     * Builds a {@link DhtConfig}. Each setter checks its value at once and throws an {@link
     * IllegalArgumentException} naming the setting if it refuses it; {@link #build()} may be called
     * more than once, and each configuration is a snapshot of the builder at that moment.
     */
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

        /**
         * The UDP port to bind.
         *
         * @param port 0 for any free port (the default), else 1 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The local address to bind.
         *
         * @param host e.g. {@code 127.0.0.1} (IPv4 only) or {@code ::1} (IPv6 only); {@code ::},
         *     every interface of both families, by default
         * @return this builder
         */
        public Builder bindHost(String host) {
            this.host = Objects.requireNonNull(host, "bindHost");
            return this;
        }

        /**
         * Adds nodes to join through. A host name stands for every address it resolves to when the
         * node starts. Give a node several bootstrap nodes: one whose own table attackers filled
         * passes that on to a node that joins through it alone.
         *
         * @param hostPorts each {@code host:port}, a bracketed IPv6 host as {@code [::1]:4242}
         * @return this builder
         */
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

        /**
         * Adds nodes to join through.
         *
         * @param nodes their addresses, resolved or not
         * @return this builder
         */
        public Builder bootstrap(List<InetSocketAddress> nodes) {
            for (InetSocketAddress node : nodes) {
                bootstrap.add(Objects.requireNonNull(node, "bootstrap node"));
            }
            return this;
        }

        /**
         * This node's id; random by default. Under id binding (a node setting: {@code rdht node
         * --id-binding}) it must fit the bound address: {@link #build()} refuses one that does not
         * fit a literal bind address, and the node's start one that does not fit the address it
         * bound.
         *
         * @param id the id
         * @return this builder
         */
        public Builder nodeId(InfoHash id) {
            this.nodeId = Objects.requireNonNull(id, "nodeId");
            return this;
        }

        /**
         * The network to join: nodes drop the messages of other networks, so networks with
         * different ids never mix even if their nodes meet.
         *
         * @param id any number agreed by the network's nodes; 0 (OpenDHT's public network) by
         *     default
         * @return this builder
         */
        public Builder networkId(int id) {
            this.settings = settings.withNetworkId(id);
            return this;
        }

        /**
         * Whether the node uses the network without serving it (BEP 43): its messages say so,
         * others never add it to their routing tables, and it stores nothing for others. For
         * short-lived clients such as one-shot commands; {@code false} by default.
         *
         * @param readOnly {@code true} for a node that only asks
         * @return this builder
         */
        public Builder readOnly(boolean readOnly) {
            this.settings = settings.withReadOnly(readOnly);
            return this;
        }

        /**
         * Makes ids, transaction ids and token secrets reproducible (for simulations only).
         *
         * @param seed any number
         * @return this builder
         */
        public Builder randomSeed(long seed) {
            this.seed = OptionalLong.of(seed);
            return this;
        }

        /**
         * Events a listen subscriber may fall behind before its stream ends with {@link
         * DhtException.ListenOverflow}.
         *
         * @param events at least 1; 1,024 by default
         * @return this builder
         */
        public Builder listenBuffer(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("listenBuffer must be ≥ 1, got " + events);
            }
            this.listenBuffer = events;
            return this;
        }

        /**
         * The identity that signs this node's signed puts and decrypts the values sent to it; none
         * by default.
         *
         * @param identity the keys
         * @return this builder
         */
        public Builder identity(Identity identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /**
         * Hooks through which a metrics library watches the node, e.g. dht-metrics' {@code
         * DhtMetrics} on a Micrometer {@code MeterRegistry}; none by default.
         *
         * @param observer the hooks
         * @return this builder
         */
        public Builder observer(NodeObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * The configuration.
         *
         * @return an immutable configuration of what was set so far
         * @throws IllegalArgumentException when id binding is on and the chosen {@link #nodeId}
         *     does not fit the literal {@link #bindHost}
         */
        public DhtConfig build() {
            checkIdFitsBindHost();
            return new DhtConfig(this);
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

    /** The non-public parts, for {@link InternalConfig}. */
    private static final class InternalDoors implements InternalConfig.Access {
        @Override
        public void engineSettings(Builder builder, EngineSettings settings) {
            builder.settings = settings;
        }

        @Override
        public EngineSettings engineSettings(Builder builder) {
            return builder.settings;
        }

        @Override
        public void transport(Builder builder, Transport transport) {
            builder.transport = transport;
        }

        @Override
        public void stateStore(Builder builder, StateStore store) {
            builder.stateStore = store;
        }

        @Override
        public EngineSettings engineSettings(DhtConfig config) {
            return config.settings;
        }

        @Override
        public Transport transport(DhtConfig config) {
            return config.transport;
        }

        @Override
        public StateStore stateStore(DhtConfig config) {
            return config.stateStore;
        }
    }
}
