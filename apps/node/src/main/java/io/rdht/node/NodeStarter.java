package io.rdht.node;

import io.rdht.cli.Await;
import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.state.SavedState;
import io.rdht.store.SqliteStateStore;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Starts a node for a command and says in one line where it is and how it joined. */
public final class NodeStarter {

    // start() ends after the first join attempt, which its own timeouts bound; this only guards
    // against a node that never answers at all.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(10);

    private NodeStarter() {}

    /**
     * Binds and joins a node.
     *
     * @throws UserError (exit 1) when the port is taken, the address cannot be bound or the node does not start within 30 s, (exit 2)
     *                   when the address to bind does not resolve
     */
    public static DhtNode start(NodeSetup setup) {
        DhtNode node = DhtNode.create(setup.config());
        try {
            return Await.within(node.start(), START_TIMEOUT, "the node did not start");
        } catch (DhtException.StartFailed e) {
            throw explain(e);
        }
    }

    /** Contacts in the node's routing table: none after a join means no bootstrap node answered. */
    public static int contacts(DhtNode node) {
        return Await.within(node.routingTable(), SNAPSHOT_TIMEOUT, "the node did not list its contacts")
                .contactCount();
    }

    /**
     * {@code node <id> listening on <address> (<how it joined>)}: the first node of a new network,
     * joined via its bootstrap nodes, or still waiting for them to answer.
     */
    public static String describe(DhtNode node, List<InetSocketAddress> bootstrap) {
        return describe(node, bootstrap, 0);
    }

    /**
     * As {@link #describe(DhtNode, List)}, for a node that also rejoined through {@code saved}
     * contacts kept from its last run.
     */
    public static String describe(DhtNode node, List<InetSocketAddress> bootstrap, int saved) {
        String how;
        String savedOnes = Reports.count(saved, "saved contact");
        String via = saved == 0
                ? addresses(bootstrap)
                : bootstrap.isEmpty() ? savedOnes : addresses(bootstrap) + " or " + savedOnes;
        if (bootstrap.isEmpty() && saved == 0) {
            how = "first node of a new network";
        } else {
            int contacts = contacts(node);
            how = contacts > 0
                    ? "joined via " + via + ", " + Reports.count(contacts, "contact")
                    : "no answer from " + via + " yet; retrying in the background";
        }
        return "node " + node.id().toHex() + " listening on " + Format.address(node.address()) + " (" + how + ")";
    }

    /**
     * {@code state in <dir>: <what was saved>}: where the node keeps its state, and what it found
     * there when it started.
     */
    public static String describeState(SqliteStateStore state) {
        SavedState saved = state.saved();
        String found = saved.nodeId().isEmpty()
                ? "new"
                : "saved " + Reports.count(saved.contacts().size(), "contact") + ", "
                        + Reports.count(saved.values().size(), "value");
        return "state in " + state.directory() + " (" + found + ")";
    }

    /** The addresses as {@code host:port}, comma-separated. */
    public static String addresses(List<InetSocketAddress> nodes) {
        return nodes.stream().map(Format::address).collect(Collectors.joining(", "));
    }

    private static UserError explain(DhtException.StartFailed e) {
        InetSocketAddress at = e.address();
        InetSocketAddress resolved = new InetSocketAddress(at.getHostString(), at.getPort());
        if (resolved.isUnresolved()) {
            return new UserError(ExitCode.BAD_INPUT, "--bind: unknown host " + at.getHostString());
        }
        // Reactor Netty's bind exception drops the operating system's reason; binding the same
        // address once more, with a plain socket, tells it.
        try {
            new DatagramSocket(resolved).close();
            return new UserError(ExitCode.FAILED, e.getMessage());
        } catch (SocketException reason) {
            String why = String.valueOf(reason.getMessage());
            return new UserError(
                    ExitCode.FAILED,
                    why.contains("Address already in use")
                            ? "port " + at.getPort() + " is already in use (try -p 0)"
                            : "cannot bind " + Format.address(resolved) + ": " + why);
        }
    }
}
