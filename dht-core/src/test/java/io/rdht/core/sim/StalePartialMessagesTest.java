package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeCounters;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.Endpoint;
import io.rdht.core.transport.NetworkConditions;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.Fragment;
import io.rdht.core.wire.Reassembler;
import io.rdht.core.wire.WireCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fragments of messages that never complete, sent to a node and then no more: the node frees
 * them when they time out, on its own timer, and shows what it held and dropped in its stats.
 */
class StalePartialMessagesTest {

    private static final int ATTACKERS = 4;
    private static final int CHUNK = 1_000;

    @Test
    void partialMessagesLeftByAnAttackAreFreedOnTimeWithoutAnotherFragment() {
        try (VirtualNetwork net = new VirtualNetwork(9, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(3);
            DhtNode target = net.nodes().get(1);
            WireCodec codec = new WireCodec();
            InfoHash sender = InfoHash.of("attacker");
            for (int a = 0; a < ATTACKERS; a++) {
                Endpoint attacker =
                        net.await(net.network().bind(new InetSocketAddress(0), (d, from) -> {}), Duration.ofSeconds(1));
                for (int m = 0; m < Reassembler.MAX_PARTIALS_PER_SOURCE; m++) {
                    byte[] first = codec.encode(
                            new Envelope(0, m, sender, new Fragment(1000L * a + m, 0, 2, new byte[CHUNK])));
                    attacker.execute(() -> attacker.send(target.address(), first));
                }
            }
            net.advance(Duration.ofMillis(100));
            NodeCounters during = target.stats();
            int partials = ATTACKERS * Reassembler.MAX_PARTIALS_PER_SOURCE;
            assertThat(during.get("reassembly.partials_held"))
                    .as("partial messages held during the attack")
                    .isEqualTo(partials);
            assertThat(during.get("reassembly.bytes_held"))
                    .as("bytes held during the attack")
                    .isEqualTo((long) partials * CHUNK);

            net.advance(Duration.ofMillis(Reassembler.TIMEOUT_MILLIS));

            NodeCounters after = target.stats();
            assertThat(after.get("reassembly.partials_held"))
                    .as("partial messages held once they timed out")
                    .isZero();
            assertThat(after.get("reassembly.bytes_held"))
                    .as("bytes held once they timed out")
                    .isZero();
            assertThat(after.get("reassembly.expired"))
                    .as("partial messages dropped for their age")
                    .isEqualTo(partials);
        }
    }
}
