package io.rdht.node;

import io.rdht.core.DhtNode;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The console's reports {@code ll}, {@code lr}, {@code ls} and {@code ld}: each takes snapshots on
 * the node's thread and prints them as {@link Reports} writes them.
 */
final class InspectCommands {

    // Snapshots are taken on the node thread between two events; a node that cannot answer in this
    // time is stuck, and saying so beats a console that hangs.
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(10);

    private final DhtNode node;
    private final NodeSetup setup;
    private final ListenCommands listens;
    private final Printer out;

    InspectCommands(DhtNode node, NodeSetup setup, ListenCommands listens, Printer out) {
        this.node = node;
        this.setup = setup;
        this.listens = listens;
        this.out = out;
    }

    void nodeInfo() {
        print(Reports.nodeInfo(new Reports.NodeSummary(
                node.id(),
                node.address(),
                setup.networkId(),
                take(node.routingTable()),
                take(node.storage()),
                setup.storage().maxTotalBytes(),
                take(node.listens()),
                take(node.listenersHere()),
                node.stats().byName())));
    }

    void routingTable() {
        print(Reports.routing(take(node.routingTable())));
    }

    void listens() {
        print(Reports.listens(take(node.listens()), listens.tokensByKey(), take(node.listenersHere())));
    }

    void storage() {
        print(Reports.storage(take(node.storage())));
    }

    private void print(List<String> lines) {
        lines.forEach(out::println);
    }

    private static <T> T take(Mono<T> snapshot) {
        return snapshot.block(SNAPSHOT_TIMEOUT);
    }
}
