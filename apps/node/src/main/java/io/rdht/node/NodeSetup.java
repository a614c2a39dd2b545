package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.NetworkOptions;
import io.rdht.cli.UserError;
import io.rdht.core.DhtConfig;
import io.rdht.core.NodeObserver;
import io.rdht.core.internal.InternalConfig;
import io.rdht.core.state.StateStore;
import io.rdht.core.storage.StorageLimits;
import io.rdht.crypto.Identity;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * How the command line sets up a node: its configuration, and the settings the console reports.
 *
 * @param config    the node's configuration
 * @param networkId the network id
 * @param storage   the storage limits
 */
public record NodeSetup(DhtConfig config, int networkId, StorageLimits storage) {

    /**
     * The setup from the options, joining through {@code bootstrap} and signing as {@code identity}
     * ({@code null}: a node that cannot sign); {@code readOnly} for a one-shot client that uses the
     * network without serving it.
     *
     * @throws UserError (exit 2) naming a setting out of range
     */
    public static NodeSetup of(
            NetworkOptions network,
            StorageOptions storageOptions,
            int defaultPort,
            List<InetSocketAddress> bootstrap,
            Identity identity,
            boolean readOnly) {
        return of(network, storageOptions, defaultPort, bootstrap, identity, readOnly, null, NodeObserver.NONE);
    }

    /**
     * The setup as {@link #of(NetworkOptions, StorageOptions, int, List, Identity, boolean)} makes it,
     * keeping the node's state in {@code state} ({@code null}: nothing kept), watched by {@code observer}.
     *
     * @throws UserError (exit 2) naming a setting out of range, or a storage limit this JVM's heap
     *     cannot hold ({@link HeapRoom})
     */
    public static NodeSetup of(
            NetworkOptions network,
            StorageOptions storageOptions,
            int defaultPort,
            List<InetSocketAddress> bootstrap,
            Identity identity,
            boolean readOnly,
            StateStore state,
            NodeObserver observer) {
        StorageLimits limits = storageOptions.limits();
        if (!readOnly) {
            HeapRoom.require(limits, Runtime.getRuntime().maxMemory());
        }
        try {
            DhtConfig.Builder builder = network.configure(DhtConfig.builder(), defaultPort, bootstrap)
                    .readOnly(readOnly)
                    .observer(observer);
            // storage limits and address rules are no public settings: the node app reaches them the internal way
            InternalConfig.engineSettings(
                    builder,
                    storageOptions
                            .addressRules()
                            .applyTo(InternalConfig.engineSettings(builder).withStorage(limits)));
            if (identity != null) {
                builder.identity(identity);
            }
            if (state != null) {
                InternalConfig.stateStore(builder, state);
            }
            DhtConfig config = builder.build();
            return new NodeSetup(config, network.networkId(), limits);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, e.getMessage());
        }
    }

    /** The nodes to join through; empty for the first node of a network. */
    public List<InetSocketAddress> bootstrap() {
        return config.bootstrap();
    }
}
