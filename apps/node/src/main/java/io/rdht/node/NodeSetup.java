package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.NetworkOptions;
import io.rdht.cli.UserError;
import io.rdht.core.DhtConfig;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.storage.StorageLimits;
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
     * The setup from the options, joining through {@code bootstrap}.
     *
     * @throws UserError (exit 2) naming a setting out of range
     */
    public static NodeSetup of(NetworkOptions network, StorageOptions storageOptions, int defaultPort,
                               List<InetSocketAddress> bootstrap) {
        StorageLimits limits = storageOptions.limits();
        EngineSettings d = EngineSettings.defaults().withNetworkId(network.networkId());
        EngineSettings settings = new EngineSettings(d.networkId(), d.routing(), d.lookup(), limits, d.maxAttempts(),
                d.tokenRotationMillis(), d.maintenanceMillis(), d.republishMillis(), d.bootstrapRetryMinMillis(),
                d.bootstrapRetryMaxMillis(), d.listen());
        try {
            DhtConfig config = network.configure(DhtConfig.builder(), defaultPort, bootstrap).settings(settings).build();
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
