package io.rdht.core.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.MalformedMessageException;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.WireCodec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Issue 11, item 5, over real UDP: one socket that sends find_node under thousands of made-up ids
 * must not fill a node's routing table, nor be what the node hands out to others.
 */
class RoutingPollutionTest {

    private static final int REQUESTS = 2_000;
    private final List<DhtNode> nodes = new ArrayList<>();

    @AfterEach
    void stopAll() {
        Flux.fromIterable(nodes).flatMap(DhtNode::shutdown).blockLast(Duration.ofSeconds(10));
    }

    @Test
    void oneSocketUnderTwoThousandIdsIsOneContactAndIsHandedOutAtMostOnce() throws IOException {
        DhtNode victim = start(DhtConfig.builder());
        for (int i = 0; i < 4; i++) {
            start(DhtConfig.builder().bootstrap("127.0.0.1:" + victim.address().getPort()));
        }
        int before = victim.routingTable().block(Duration.ofSeconds(5)).contactCount();
        WireCodec codec = new WireCodec();
        SplittableRandom random = new SplittableRandom(5);
        InetSocketAddress target =
                new InetSocketAddress("127.0.0.1", victim.address().getPort());
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            attacker.setSoTimeout(2_000);
            for (int i = 0; i < REQUESTS; i++) {
                byte[] request = codec.encode(
                        new Envelope(0, i, InfoHash.random(random), new FindNode(InfoHash.random(random))));
                attacker.send(new DatagramPacket(request, request.length, target));
                receive(attacker);
            }
            InetSocketAddress attackerAddress = new InetSocketAddress("127.0.0.1", attacker.getLocalPort());
            RoutingSnapshot table = victim.routingTable().block(Duration.ofSeconds(5));
            assertThat(table.contactCount()).as("contacts before: %d", before).isLessThanOrEqualTo(before + 1);

            long handedOutAttacker = 0;
            long handedOut = 0;
            try (DatagramSocket honest = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                honest.setSoTimeout(2_000);
                for (int i = 0; i < 10; i++) {
                    byte[] ask = codec.encode(
                            new Envelope(0, i, InfoHash.random(random), new FindNode(InfoHash.random(random))));
                    honest.send(new DatagramPacket(ask, ask.length, target));
                    List<NodeInfo> named = contactsIn(codec, receive(honest));
                    handedOut += named.size();
                    handedOutAttacker += named.stream()
                            .filter(n -> n.address().equals(attackerAddress))
                            .count();
                }
            }
            assertThat(handedOut).isPositive();
            assertThat(handedOutAttacker)
                    .as("of %d contacts handed out in 10 replies", handedOut)
                    .isLessThanOrEqualTo(10);
        }
    }

    private DhtNode start(DhtConfig.Builder config) {
        DhtNode n = DhtNode.create(config.bindHost("127.0.0.1").port(0).build())
                .start()
                .block(Duration.ofSeconds(10));
        nodes.add(n);
        return n;
    }

    private static byte[] receive(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return Arrays.copyOf(buf, p.getLength());
    }

    private static List<NodeInfo> contactsIn(WireCodec codec, byte[] reply) {
        try {
            return codec.decode(reply).body() instanceof Nodes n ? n.closest() : List.of();
        } catch (MalformedMessageException e) {
            throw new AssertionError("the node sent a malformed reply", e);
        }
    }
}
