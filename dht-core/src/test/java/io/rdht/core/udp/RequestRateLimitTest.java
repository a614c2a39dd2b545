package io.rdht.core.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.engine.RateLimits;
import io.rdht.core.internal.InternalConfig;
import io.rdht.core.wire.Ping;
import io.rdht.core.wire.Pong;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Request-rate limits over real UDP: one socket that floods a node is dropped past its budget,
 * counted, while another socket is still served.
 */
class RequestRateLimitTest {

    private static final int FLOOD = 20_000;
    private static final int BURST = 500;

    private final LoopbackNodes nodes = new LoopbackNodes();

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void floodFromOneSocketIsMostlyDroppedWhileAnotherSocketIsStillServed() {
        RateLimits limits = RateLimits.defaults().withLimitLoopback(true);
        DhtNode node = nodes.start(InternalConfig.engineSettings(
                DhtConfig.builder(), EngineSettings.defaults().withRateLimits(limits)));
        long servedBefore = node.stats().get("requests.served");
        long inBefore = node.stats().get("datagrams.in");
        long start = System.nanoTime();
        try (RawUdpPeer flooder = new RawUdpPeer(0, 1);
                RawUdpPeer other = new RawUdpPeer(0, 2)) {
            for (int sent = 0; sent < FLOOD; ) {
                for (int i = 0; i < BURST; i++, sent++) {
                    flooder.send(node.address(), flooder.encode(sent, new Ping()));
                }
                // bursts that fit the socket buffers, so the node reads every request it is sent
                long expected = inBefore + sent;
                Awaitility.await()
                        .atMost(Duration.ofSeconds(5))
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> node.stats().get("datagrams.in") >= expected);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long served = node.stats().get("requests.served") - servedBefore;
            long budget = limits.perSourcePerSecond() + (long) Math.ceil(limits.perSourcePerSecond() * seconds);
            assertThat(served)
                    .as("requests served from the flooding socket in %.2f s", seconds)
                    .isLessThanOrEqualTo(budget);
            assertThat(node.stats().get("dropped.rate_limited"))
                    .as("requests dropped and counted")
                    .isGreaterThanOrEqualTo(FLOOD - budget)
                    .isGreaterThan(FLOOD / 2);

            other.send(node.address(), other.encode(7, new Ping()));
            RawUdpPeer.Received reply;
            do { // the node may ping a new contact first
                reply = other.receive().orElseThrow(() -> new AssertionError("another socket was not answered"));
            } while (reply.transactionId() != 7);
            assertThat(reply.message().body()).isInstanceOf(Pong.class);
        }
    }
}
