package io.rdht.core.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.Ping;
import io.rdht.core.wire.Pong;
import io.rdht.core.wire.ValuesFound;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Reflection amplification over real UDP: a get from an address that has not shown it receives
 * (it has no token of ours yet) draws at most eight times its own size, while an honest node,
 * which asks again with the token of the first reply, still gets every value.
 */
class ReflectionBoundTest {

    private static final int VALUES = 300;
    private static final int BOUND = 8;

    private final LoopbackNodes nodes = new LoopbackNodes();

    @AfterEach
    void stopAll() {
        nodes.close();
    }

    @Test
    void tokenlessGetOfAFullKeyDrawsAtMostEightTimesItsSizeYetHonestGetsReceiveEveryValue() {
        DhtNode storer = nodes.start(DhtConfig.builder());
        String bootstrap = "127.0.0.1:" + storer.address().getPort();
        DhtNode writer = nodes.start(DhtConfig.builder().bootstrap(bootstrap));
        InfoHash key = InfoHash.of("pollution_level");
        Flux.range(0, VALUES)
                .flatMap(i -> writer.put(key, Value.of("reading " + i + " " + "x".repeat(100))), 8)
                .blockLast(Duration.ofSeconds(60));

        int requestBytes;
        int bytesBack = 0;
        ValuesFound reply = null;
        try (RawUdpPeer attacker = new RawUdpPeer(0, 6)) {
            byte[] get = attacker.encode(1, GetValues.firstPage(key));
            requestBytes = get.length;
            attacker.send(storer.address(), get);
            attacker.send(storer.address(), attacker.encode(2, new Ping()));
            // the node answers in order: everything before the pong belongs to the get
            for (int i = 0; i < 1_000; i++) {
                RawUdpPeer.Received r = attacker.receive()
                        .orElseThrow(() -> new AssertionError("the node answered neither the get nor the ping"));
                if (r.transactionId() == 2 && r.message().body() instanceof Pong) {
                    break;
                }
                if (r.transactionId() != 1) {
                    continue; // the node may ping a new contact; that is not the get's reply
                }
                bytesBack += r.bytes();
                if (r.message() != null && r.message().body() instanceof ValuesFound found) {
                    reply = found;
                }
            }
        }

        assertThat(requestBytes).as("a get without known ids").isBetween(40, 64);
        assertThat(bytesBack)
                .as("bytes sent back to a %d-byte get from an unproven address", requestBytes)
                .isPositive()
                .isLessThanOrEqualTo(BOUND * requestBytes);
        assertThat(reply).as("the bounded reply").isNotNull();
        assertThat(reply.more()).as("says more values are there").isTrue();
        assertThat(reply.token().length())
                .as("carries a token to ask again with")
                .isPositive();
        assertThat(reply.closest())
                .as("still carries the contacts a lookup needs")
                .isNotEmpty();

        DhtNode reader = nodes.start(DhtConfig.builder().bootstrap(bootstrap));
        List<Value> read = reader.get(key).collectList().block(Duration.ofSeconds(30));
        assertThat(read).as("values an honest get receives").hasSize(VALUES);
        assertThat(storer.stats().get("replies.bounded"))
                .as("replies the storer bounded")
                .isPositive();
    }
}
