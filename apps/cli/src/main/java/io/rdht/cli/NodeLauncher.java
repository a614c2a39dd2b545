package io.rdht.cli;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Starts a command's node and tells the user, in one line, when it cannot join. */
public final class NodeLauncher {

    private NodeLauncher() {}

    /**
     * Starts a node with {@code config} within {@code timeout}.
     *
     * @throws UserError when its port is taken (exit 1) or it does not start in time
     */
    public static DhtNode start(DhtConfig config, Duration timeout) {
        try {
            return Await.within(DhtNode.create(config).start(), timeout, "the node did not start");
        } catch (DhtException.StartFailed e) {
            throw new UserError(
                    ExitCode.FAILED,
                    "cannot listen on UDP " + describe(e.address()) + " (is another node using that port? try -p 0): "
                            + e.getCause().getMessage());
        }
    }

    /**
     * Checks that the node found the network through {@code bootstrap}.
     *
     * @throws UserError (exit 3) naming the addresses tried, when none answered
     */
    public static void requireJoined(DhtNode node, List<InetSocketAddress> bootstrap) {
        if (Await.within(node.routingTable(), Duration.ofSeconds(5), "the node did not list its contacts")
                        .contactCount()
                == 0) {
            node.close();
            throw new UserError(
                    ExitCode.NO_NETWORK,
                    "no node answered at " + describe(bootstrap) + " (is a node running there? set --bootstrap or "
                            + NetworkOptions.BOOTSTRAP_VARIABLE + ")");
        }
    }

    /** Addresses as {@code host:port, host:port}. */
    public static String describe(List<InetSocketAddress> addresses) {
        return addresses.stream().map(NodeLauncher::describe).collect(Collectors.joining(", "));
    }

    private static String describe(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }
}
