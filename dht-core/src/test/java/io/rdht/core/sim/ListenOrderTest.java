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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** The order of a listen's events, checked step by step in virtual time. */
class ListenOrderTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration TTL = Duration.ofMinutes(10);
    /** Virtual time for a lookup or a push to cross the network. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final VirtualNetwork net =
            new VirtualNetwork(11, NetworkConditions.lan(), EngineSettings.defaults()).grow(24);

    @AfterEach
    void stop() {
        net.close();
    }

    private Value reading(long id, long seq, String text, Instant created) {
        return Value.builder()
                .id(id)
                .seq(seq)
                .text(text)
                .contentType("application/json")
                .ttl(TTL)
                .created(created)
                .build();
    }

    private void put(DhtNode from, Value v) {
        from.put(KEY, v).subscribe();
    }

    @Test
    void existingValuesComeBeforeLiveOnesAndAnEditIsUpdatedAfterAdded() {
        Value stored = reading(1, 1, "{\"lvl_percent\":39}", net.now());
        net.await(net.nodes().get(3).put(KEY, stored), Duration.ofSeconds(10));

        StepVerifier.withVirtualTime(() -> net.nodes().get(17).listen(KEY), net::scheduler, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(SETTLE)
                .assertNext(e -> assertThat(e).isEqualTo(new ValueEvent.Added(stored)))
                .then(() -> put(net.nodes().get(8), reading(2, 1, "{\"lvl_percent\":40}", net.now())))
                .thenAwait(SETTLE)
                .assertNext(e -> assertThat(e)
                        .isInstanceOf(ValueEvent.Added.class)
                        .extracting(ValueEvent::value)
                        .extracting(Value::id)
                        .isEqualTo(2L))
                .then(() -> put(net.nodes().get(5), reading(1, 2, "{\"lvl_percent\":41}", stored.created())))
                .thenAwait(SETTLE)
                .assertNext(e -> {
                    assertThat(e).isInstanceOf(ValueEvent.Updated.class);
                    ValueEvent.Updated u = (ValueEvent.Updated) e;
                    assertThat(u.previous()).isEqualTo(stored);
                    assertThat(u.value().seq()).isEqualTo(2);
                })
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void valueExpiresAtItsTtlAndNotBefore() {
        Instant created = net.now();
        Value v = reading(7, 1, "{\"lvl_percent\":12}", created);
        net.await(net.nodes().get(2).put(KEY, v), Duration.ofSeconds(10));
        Duration remaining = Duration.between(net.now().plus(SETTLE), created.plus(TTL));

        StepVerifier.withVirtualTime(() -> net.nodes().get(20).listen(KEY), net::scheduler, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(SETTLE)
                .expectNext(new ValueEvent.Added(v))
                .expectNoEvent(remaining.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new ValueEvent.Expired(v))
                .thenCancel()
                .verify(Duration.ofSeconds(30));
        assertThat(net.now()).isEqualTo(created.plus(TTL));
    }

    @Test
    void announcedValueNeverExpiresWhileAnnouncedAndExpiresOneTtlAfterItStops() {
        Value v = Value.builder()
                .id(9)
                .text("{\"lvl_percent\":3}")
                .contentType("application/json")
                .ttl(TTL)
                .build();
        Disposable announcement = net.nodes().get(4).announce(KEY, v).subscribe();
        net.advance(Duration.ofSeconds(5));

        StepVerifier.withVirtualTime(() -> net.nodes().get(12).listen(KEY), net::scheduler, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(SETTLE)
                .assertNext(e -> assertThat(e).isInstanceOf(ValueEvent.Added.class))
                .expectNoEvent(TTL.multipliedBy(5))
                .then(announcement::dispose)
                .expectNoEvent(TTL.dividedBy(2).minusMinutes(1))
                .thenAwait(TTL)
                .assertNext(e -> assertThat(e).isInstanceOf(ValueEvent.Expired.class))
                .thenCancel()
                .verify(Duration.ofSeconds(60));
    }
}
