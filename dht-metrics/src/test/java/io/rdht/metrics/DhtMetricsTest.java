package io.rdht.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeObserver;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The hooks' timings, on a registry with a clock the test moves. */
class DhtMetricsTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final DhtMetrics metrics = new DhtMetrics(registry);

    private Timer timer(String name, String outcome) {
        return registry.get(name).tag("outcome", outcome).timer();
    }

    private Value createdAt(long epochMillis) {
        return Value.builder()
                .text("39")
                .created(Instant.ofEpochMilli(epochMillis))
                .build();
    }

    @Test
    void aPutIsTimedFromItsStartToItsEndByOutcome() {
        NodeObserver.Operation stored = metrics.putStarted();
        clock.add(Duration.ofMillis(3));
        stored.ended(true);
        NodeObserver.Operation failed = metrics.putStarted();
        clock.add(Duration.ofMillis(500));
        failed.ended(false);

        assertThat(timer("rdht.put", "stored").count()).isEqualTo(1);
        assertThat(timer("rdht.put", "stored").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3);
        assertThat(timer("rdht.put", "failed").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(500);
    }

    @Test
    void aGetIsTimedToTheEndOfItsLookup() {
        NodeObserver.Operation get = metrics.getStarted();
        clock.add(Duration.ofMillis(7));
        get.ended(true);

        assertThat(timer("rdht.get", "done").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7);
        assertThat(timer("rdht.get", "failed").count()).isZero();
    }

    @Test
    void putToListenerCountsOnlyValuesCreatedAfterTheSubscriptionAndNotTheirExpiry() {
        clock.add(Duration.ofSeconds(10));
        long subscribed = clock.wallTime();
        Consumer<ValueEvent> listen = metrics.listenStarted(InfoHash.of("pollution_level"));
        clock.add(Duration.ofMillis(50));

        listen.accept(new ValueEvent.Added(createdAt(subscribed - 5_000)));
        listen.accept(new ValueEvent.Added(createdAt(subscribed + 20)));
        Value old = createdAt(subscribed + 30);
        listen.accept(new ValueEvent.Updated(old, createdAt(subscribed + 40)));
        listen.accept(new ValueEvent.Expired(old));

        Timer delivery = registry.get("rdht.listen.delivery").timer();
        assertThat(delivery.count()).isEqualTo(2);
        assertThat(delivery.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(30 + 10);
    }

    @Test
    void withoutAStartedNodeThereIsNothingToRefresh() {
        assertThat(metrics.refresh().block(Duration.ofSeconds(1))).isNull();
        assertThat(registry.find("rdht.storage.values").gauge()).isNull();
    }
}
