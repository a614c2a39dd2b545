package io.rdht.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import io.rdht.core.transport.Endpoint;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.Fragmenter;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.Listen;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Ping;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Request;
import io.rdht.core.wire.Stored;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.ValueVersion;
import io.rdht.core.wire.ValuesFound;
import io.rdht.core.wire.WireCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

class HostileResponderTest {

    private static final WireCodec CODEC = new WireCodec();
    private static final InetSocketAddress HONEST = new InetSocketAddress("10.0.0.1", 4222);
    private static final InfoHash HONEST_ID = InfoHash.of("honest");

    private final SplittableRandom random = new SplittableRandom(1);
    private final Coalition coalition = new Coalition();
    private final List<byte[]> toNode = new ArrayList<>();
    private final List<byte[]> sent = new ArrayList<>();
    private final HostileResponder responder;

    HostileResponderTest() {
        for (int i = 1; i <= 12; i++) {
            coalition.join(new NodeInfo(InfoHash.random(random), new InetSocketAddress("203.0.113." + i, 4222)));
        }
        NodeInfo self = coalition.members().get(0);
        responder = new HostileResponder((d, from) -> toNode.add(d), self.id(), 0, 8, coalition, random.split());
        responder.bound(new CapturingEndpoint(self.address()));
    }

    private Envelope ask(Request request) throws Exception {
        responder.onDatagram(CODEC.encode(new Envelope(0, 77, HONEST_ID, request)), HONEST);
        assertThat(sent).hasSize(1);
        Envelope reply = CODEC.decode(sent.remove(0));
        assertThat(reply.transactionId()).isEqualTo(77);
        return reply;
    }

    @Test
    void answersFindNodeWithTheAttackersClosestToTheTargetOnly() throws Exception {
        InfoHash target = InfoHash.of("pollution_level");
        Nodes nodes = (Nodes) ask(new FindNode(target)).body();

        List<NodeInfo> expected = coalition.members().stream()
                .sorted((a, b) -> target.compareDistance(a.id(), b.id()))
                .limit(8)
                .toList();
        assertThat(nodes.closest()).containsExactlyElementsOf(expected);
        assertThat(toNode).as("the node behind never saw it").isEmpty();
    }

    @Test
    void acknowledgesEveryPutAsStoredAndKeepsNothing() throws Exception {
        Value v = Value.builder()
                .id(5)
                .text("39")
                .ttl(Duration.ofMinutes(5))
                .created(Instant.now())
                .build();
        Stored stored = (Stored) ask(new PutValues(InfoHash.of("pollution_level"), Token.NONE, List.of(v)))
                .body();

        assertThat(stored.storedIds()).containsExactly(5L);
        assertThat(stored.rejections()).isEmpty();
        assertThat(responder.valuesDropped()).isEqualTo(1);
        ValuesFound found = (ValuesFound)
                ask(GetValues.firstPage(InfoHash.of("pollution_level"))).body();
        assertThat(found.values()).as("a get afterwards finds nothing").isEmpty();
        assertThat(found.closest()).isNotEmpty().allMatch(coalition.members()::contains);
    }

    @Test
    void acceptsAListenEvenInFragmentsAndServesNothing() throws Exception {
        List<ValueVersion> known = IntStream.range(0, 1_000)
                .mapToObj(i -> new ValueVersion(ValueIdentity.unsigned(i + 1), 0, 1_000L + i))
                .toList();
        Envelope listen =
                new Envelope(0, 78, HONEST_ID, new Listen(InfoHash.of("pollution_level"), Token.NONE, 9, known, null));
        List<byte[]> pieces = new Fragmenter(CODEC).split(listen, 1234);
        assertThat(pieces).as("the listen takes several datagrams").hasSizeGreaterThan(1);
        pieces.forEach(p -> responder.onDatagram(p, HONEST));

        assertThat(sent).hasSize(1);
        ValuesFound found = (ValuesFound) CODEC.decode(sent.get(0)).body();
        assertThat(found.values()).isEmpty();
        assertThat(found.more()).isFalse();
        assertThat(toNode).isEmpty();
    }

    @Test
    void passesPingsToTheRealNode() {
        responder.onDatagram(CODEC.encode(new Envelope(0, 79, HONEST_ID, new Ping())), HONEST);
        assertThat(toNode).hasSize(1);
        assertThat(sent).isEmpty();
        assertThat(responder.answered()).isZero();
    }

    private final class CapturingEndpoint implements Endpoint {
        private final InetSocketAddress address;

        CapturingEndpoint(InetSocketAddress address) {
            this.address = address;
        }

        @Override
        public InetSocketAddress localAddress() {
            return address;
        }

        @Override
        public void send(InetSocketAddress to, byte[] datagram) {
            assertThat(to).isEqualTo(HONEST);
            sent.add(datagram);
        }

        @Override
        public long nowMillis() {
            return 1_000;
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public Disposable schedule(Runnable task, long delayMillis) {
            throw new UnsupportedOperationException("the responder keeps no timer");
        }

        @Override
        public Mono<Void> close() {
            return Mono.empty();
        }
    }
}
