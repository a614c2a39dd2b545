package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.storage.StorageLimits;
import io.rdht.core.wire.Listen;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a storer keeps for listeners that stop acknowledging its pushes: bounded in memory, not only in count. */
class ListenerPusherBoundsTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final int LISTENERS = 250;
    /** What one writer may store under a key before it keeps to its share (three quarters of 1,024). */
    private static final int VALUES = 768;

    private final EngineFixture node = new EngineFixture(InfoHash.of("serving node"), EngineSettings.defaults(), 1);

    @Test
    void valuesWaitingForSilentListenersAreCountedAsStorageChargesThem() {
        List<FakePeers.Peer> listeners = node.peers.add(LISTENERS);
        FakePeers.Peer writer = node.peers.add(1).get(0);
        for (FakePeers.Peer listener : listeners) {
            node.ask(listener, new Listen(KEY, node.tokenFor(listener, KEY), 1, List.of(), null, 0));
            listener.behaviour = request -> request instanceof Update ? null : listener.answer(request);
        }

        Token writersToken = node.tokenFor(writer, KEY);
        for (long id = 1; id <= VALUES; id++) {
            node.ask(writer, new PutValues(KEY, writersToken, List.of(value(id))));
        }
        // the listeners answer again: what waited for each comes, a push at a time (12 each at most)
        listeners.forEach(listener -> listener.behaviour = listener::answer);
        for (long waited = 0; waited < 5_000; waited += FakePeers.DELAY_MILLIS) {
            node.env.advance(FakePeers.DELAY_MILLIS);
        }

        long delivered = listeners.stream()
                .mapToLong(ListenerPusherBoundsTest::valuesReceived)
                .sum();
        long budget = ListenerPusher.MAX_QUEUED_BYTES / StorageLimits.chargeOf(value(VALUES));
        assertThat(delivered)
                .as("values that waited in all queues together, the %d first pushes aside", LISTENERS)
                .isBetween(budget / 2, budget + LISTENERS);
    }

    /** The distinct values pushed to {@code listener} (a re-sent push brings the same ones again). */
    private static long valuesReceived(FakePeers.Peer listener) {
        return listener.requests(Update.class).stream()
                .flatMap(u -> u.values().stream())
                .map(Value::id)
                .distinct()
                .count();
    }

    private static Value value(long id) {
        return Value.builder()
                .id(id)
                .text("{\"lvl_percent\":" + (10 + id % 90) + "}")
                .ttl(Duration.ofMinutes(10))
                .created(Instant.ofEpochMilli(EngineFixture.START))
                .build();
    }
}
