package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rdht.bench.ConsoleNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's crash with real processes: 12 {@code rdht} nodes on 127.0.0.1, values put, then 40%
 * of the nodes, the bootstrap node among them, killed with SIGKILL at once. A surviving node's
 * console must still find every value, and once its lookups have met the dead nodes its routing
 * table must no longer hold them. It asserts what happens, never how fast: every wait is a
 * generous bound that only catches a hang.
 */
class CrashedPeersProcessTest extends NetworkProcessTest {

    private static final int NODES = 12;
    /** 5 of the 12, node 0 (the one every other joined through) among them. */
    private static final List<Integer> KILLED = List.of(0, 2, 5, 7, 9);

    private static final int SURVIVOR = NODES - 1;
    private static final int VALUES = 12;

    @Test
    void survivorFindsEveryValueAndForgetsTheDeadNodesOnceItsLookupsMetThem() {
        network.start(NODES);
        for (int i = 0; i < VALUES; i++) {
            List<String> stored = network.node(i % NODES)
                    .command(
                            "p churn-" + i + " value-" + i,
                            l -> l.startsWith("stored ") || l.startsWith("error"),
                            STEP);
            assertThat(stored.getLast())
                    .as("put of churn-%d from node %d", i, i % NODES)
                    .matches("stored [0-9a-f]{16} on \\d+ nodes?");
        }
        List<ConsoleNode> dead = KILLED.stream().map(network::node).toList();
        List<String> deadAddresses = dead.stream().map(ConsoleNode::address).toList();
        ConsoleNode survivor = network.node(SURVIVOR);

        network.kill(KILLED);

        for (int i = 0; i < VALUES; i++) {
            String text = " \"value-" + i + "\" ";
            assertThat(get(survivor, "churn-" + i))
                    .as("get of churn-%d after the crash", i)
                    .anySatisfy(l -> assertThat(l).contains(text))
                    .last()
                    .isEqualTo("done: 1 value");
        }
        // A lookup of a dead node's own id asks that node first, so each has failed to answer at least once.
        for (ConsoleNode d : dead) {
            assertThat(get(survivor, d.id())).last().isEqualTo("done: 0 values");
        }
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            RoutingListing table = RoutingListing.of(survivor, STEP);
            assertThat(table.goodAddresses())
                    .as("live contacts of the survivor")
                    .isNotEmpty();
            table.assertForgets(deadAddresses);
        });
        assertThat(get(survivor, "churn-0"))
                .as("a get once the table has forgotten the dead")
                .last()
                .isEqualTo("done: 1 value");
    }
}
