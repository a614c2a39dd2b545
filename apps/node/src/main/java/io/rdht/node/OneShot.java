package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.Logging;
import io.rdht.cli.UserError;
import io.rdht.core.DhtNode;
import java.net.InetSocketAddress;
import java.util.List;

/** Joins the network for one operation: {@code rdht get} and {@code rdht put}. */
final class OneShot {

    /** Where a one-shot command joins when neither {@code -b} nor the environment says. */
    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:4242";

    private OneShot() {}

    /**
     * A node on a free port (unless {@code -p}) that has joined through the bootstrap nodes.
     *
     * @throws UserError (exit 3) naming the addresses when none of them answered
     */
    static DhtNode join(RdhtCommand root) {
        Logging.configure(root.verbose());
        root.state().refuseFor("a one-shot command");
        List<InetSocketAddress> bootstrap = root.network().bootstrap(root.env(), List.of(DEFAULT_BOOTSTRAP));
        NodeSetup setup = NodeSetup.of(root.network(), root.storage(), 0, bootstrap, null, true);
        DhtNode node = NodeStarter.start(setup);
        if (NodeStarter.contacts(node) == 0) {
            node.close();
            throw new UserError(ExitCode.NO_NETWORK, "no node answered at " + NodeStarter.addresses(bootstrap));
        }
        return node;
    }
}
