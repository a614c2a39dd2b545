package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rdht.bench.ConsoleNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node that stops gracefully, by the console's {@code x} or by SIGTERM, tells the peers it knows,
 * and they drop it from their routing tables at once, without a lookup having to find it dead
 * (issue 10). Six {@code rdht} processes on 127.0.0.1; the peers do nothing but {@code lr} while
 * they wait, so only the leaving nodes' word can change their tables.
 */
class LeavingPeerProcessTest extends NetworkProcessTest {

    /** Generous for a datagram on loopback: without a word from the leaving node a table keeps it 15 min. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @Test
    void peersDropANodeThatQuitsOrIsTerminatedAtOnce() {
        network.start(6);
        ConsoleNode quitting = network.node(1);
        ConsoleNode terminated = network.node(2);
        List<ConsoleNode> peers = List.of(network.node(0), network.node(3), network.node(4), network.node(5));
        List<String> leaving = List.of(quitting.address(), terminated.address());
        for (ConsoleNode peer : peers) {
            // a lookup of a node's own id asks that node, which enters the table when it answers
            for (ConsoleNode leaver : List.of(quitting, terminated)) {
                get(peer, leaver.id());
            }
            assertThat(RoutingListing.of(peer, STEP).goodAddresses())
                    .as("good contacts of %s before", peer.address())
                    .containsAll(leaving);
        }

        quitting.send("x");
        assertThat(quitting.awaitExit(STEP)).as("exit code after x").isZero();
        terminated.terminate();
        terminated.awaitExit(STEP);

        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (ConsoleNode peer : peers) {
                RoutingListing.of(peer, STEP).assertForgets(leaving);
            }
        });
    }
}
