package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * A listener sees every edit of a value, not only its newest version: a storer's pushes outlast a
 * listener that stops answering for seconds, and arrive in order.
 */
class ListenEveryEditTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration LIMIT = Duration.ofSeconds(30);
    /** Shorter than a listen's refresh (40 s): what arrives by then came by push, not by reconcile. */
    private static final Duration BEFORE_REFRESH = Duration.ofSeconds(30);

    @Test
    void listenerPausedForSecondsSeesEveryEditInOrderBeforeItsListenIsRefreshed() {
        try (VirtualNetwork net = new VirtualNetwork(71, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(24);
            net.advance(Duration.ofSeconds(10));
            DhtNode listener = net.nodes().get(17);
            DhtNode sensor = net.nodes().get(5);
            Instant created = net.now();
            List<ValueEvent> events = new ArrayList<>();
            Disposable listen = listener.listen(KEY).subscribe(events::add);
            net.await(sensor.put(KEY, reading(1, created)), LIMIT);
            net.advance(Duration.ofSeconds(1));
            assertThat(seqs(events)).as("the first reading, before the pause").containsExactly(1L);

            // the listener stops answering for 3 s, as a process starved of CPU on a loaded host
            net.network().cutOff(listener.address());
            for (long seq = 2; seq <= 4; seq++) {
                net.await(sensor.put(KEY, reading(seq, created)), LIMIT);
                net.advance(Duration.ofMillis(800));
            }
            net.network().reconnect(listener.address());
            net.advance(BEFORE_REFRESH);

            assertThat(seqs(events))
                    .as("edits the listener saw, pushed while it did not answer")
                    .containsExactly(1L, 2L, 3L, 4L);
            assertThat(events.subList(1, events.size())).allMatch(e -> e instanceof ValueEvent.Updated);
            listen.dispose();
        }
    }

    private static Value reading(long seq, Instant created) {
        return Value.builder()
                .id(7)
                .seq(seq)
                .text("{\"lvl_percent\":" + (30 + seq) + "}")
                .contentType("application/json")
                .created(created)
                .build();
    }

    private static List<Long> seqs(List<ValueEvent> events) {
        return events.stream().map(e -> e.value().seq()).toList();
    }
}
