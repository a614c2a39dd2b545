package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.engine.ListenSettings;
import io.rdht.core.listen.ListenLimits;
import io.rdht.core.transport.Endpoint;
import io.rdht.core.transport.NetworkConditions;
import io.rdht.core.wire.Body;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.ErrorCode;
import io.rdht.core.wire.ErrorReply;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.Listen;
import io.rdht.core.wire.MalformedMessageException;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.Update;
import io.rdht.core.wire.ValuesFound;
import io.rdht.core.wire.WireCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pushes nobody asked for are dropped and counted; a flood of listens from one address is bounded. */
class ListenAbuseTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private final WireCodec codec = new WireCodec();

    /** A raw endpoint on the network that records what it receives, decoded. */
    private final class Raw {
        final Endpoint endpoint;
        final List<Body> received = new ArrayList<>();
        final InfoHash id = InfoHash.of("raw sender");

        Raw(VirtualNetwork net) {
            endpoint = net.await(
                    net.network().bind(new InetSocketAddress(0), (d, from) -> {
                        try {
                            received.add(codec.decode(d).body());
                        } catch (MalformedMessageException e) {
                            throw new AssertionError(e);
                        }
                    }),
                    Duration.ofSeconds(1));
        }

        void send(DhtNode to, long tx, Body body) {
            endpoint.send(
                    to.address(),
                    codec.encode(new Envelope(EngineSettings.defaults().networkId(), tx, id, body)));
        }
    }

    @Test
    void pushesFromStrangersOrForUnknownListensAreDroppedAndCounted() {
        try (VirtualNetwork net = new VirtualNetwork(21, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(16);
            DhtNode listener = net.nodes().get(7);
            List<ValueEvent> events = new ArrayList<>();
            listener.listen(KEY).subscribe(events::add, closedAtTheEnd -> {});
            net.advance(Duration.ofSeconds(2));
            long droppedBefore = listener.stats().get("listen.pushes_dropped");

            Raw stranger = new Raw(net);
            Value forged = Value.builder().id(66).text("forged reading").build();
            for (long listenId = 0; listenId < 50; listenId++) {
                stranger.send(listener, listenId, new Update(KEY, listenId, List.of(forged)));
            }
            stranger.send(listener, 99, new Update(InfoHash.of("another key"), 1, List.of(forged)));
            net.advance(Duration.ofSeconds(2));

            assertThat(events).as("events from forged pushes").isEmpty();
            assertThat(listener.stats().get("listen.pushes_dropped") - droppedBefore)
                    .isEqualTo(51);
            assertThat(stranger.received).as("replies to forged pushes").isEmpty();
        }
    }

    @Test
    void listensFromOneAddressBeyondItsLimitAreRefused() {
        EngineSettings settings = EngineSettings.defaults()
                .withListen(new ListenSettings(4, 40_000, new ListenLimits(1024, 8, 16_384, 120_000)));
        try (VirtualNetwork net = new VirtualNetwork(22, NetworkConditions.lan(), settings)) {
            net.grow(4);
            DhtNode storer = net.nodes().get(2);
            Raw flooder = new Raw(net);
            flooder.send(storer, 1, new FindNode(KEY));
            net.advance(Duration.ofMillis(50));
            Token token = ((Nodes) flooder.received.get(0)).token();
            flooder.received.clear();

            for (long listenId = 0; listenId < 100; listenId++) {
                flooder.send(
                        storer,
                        100 + listenId,
                        new Listen(InfoHash.of("key " + listenId), token, listenId, List.of(), null));
            }
            net.advance(Duration.ofMillis(50));

            long accepted = flooder.received.stream()
                    .filter(b -> b instanceof ValuesFound)
                    .count();
            long refused = flooder.received.stream()
                    .filter(b -> b instanceof ErrorReply e && e.code() == ErrorCode.RATE_LIMITED)
                    .count();
            assertThat(accepted).isEqualTo(8);
            assertThat(refused).isEqualTo(92);
            assertThat(net.await(storer.listenersHere(), Duration.ofSeconds(1))).hasSize(8);
        }
    }
}
