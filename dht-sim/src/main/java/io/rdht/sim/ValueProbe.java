package io.rdht.sim;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Do values stay retrievable until their TTL, and how long does a get take? Puts values once,
 * each from a random node, then once a minute gets each from a random live node (or always from
 * the same one, see {@link Workload#oneReader}), the values'
 * gets spread evenly over the minute: before its TTL it should be found, after it not. The nodes
 * that put them may die meanwhile; the storers have to keep them alive. Each get is followed to
 * its end: the time to the value and the time to the end of the stream are both measured, as is
 * each put's time to its result and its number of storers.
 */
final class ValueProbe {

    private static final long PROBE_EVERY_MILLIS = 60_000;

    private final EventLoop loop;
    private final Population population;
    private final SplittableRandom random;
    private final Workload workload;
    private final int count;
    private final Duration ttl;
    private final TimeSeries foundOverTime;
    private final OperationTimes times;
    private final boolean oneReader;
    private DhtNode reader;
    private final Ratio puts = new Ratio();
    private final Ratio foundBeforeTtl = new Ratio();
    private final Ratio goneAfterTtl = new Ratio();
    private long stopAt;

    ValueProbe(
            EventLoop loop,
            Population population,
            SplittableRandom random,
            Workload workload,
            TimeSeries foundOverTime,
            OperationTimes times) {
        this.loop = loop;
        this.population = population;
        this.random = random;
        this.workload = workload;
        this.count = workload.values();
        this.ttl = workload.valueTtl();
        this.oneReader = workload.oneReader();
        this.foundOverTime = foundOverTime;
        this.times = times;
    }

    /** Puts the values now and probes them until {@code stopAtMillis}. */
    void start(long stopAtMillis) {
        this.stopAt = stopAtMillis;
        long measureStart = loop.nowMillis();
        for (int i = 0; i < count; i++) {
            InfoHash key = workload.nextKey(random);
            Value value = Value.builder().text("value " + i).ttl(ttl).build();
            long firstProbe = PROBE_EVERY_MILLIS + i * PROBE_EVERY_MILLIS / count;
            Puts.timed(
                    loop,
                    population,
                    times,
                    key,
                    value,
                    result -> {
                        puts.record(true);
                        Stored s = new Stored(
                                key,
                                result.value().id(),
                                result.value().created().toEpochMilli() + ttl.toMillis());
                        loop.schedule(
                                () -> probeRepeatedly(s),
                                measureStart + firstProbe - loop.nowMillis(),
                                TimeUnit.MILLISECONDS);
                    },
                    error -> puts.record(false));
        }
    }

    private void probeRepeatedly(Stored s) {
        probe(s);
        if (loop.nowMillis() + PROBE_EVERY_MILLIS < stopAt) {
            loop.schedule(() -> probeRepeatedly(s), PROBE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The node that gets next: a random one, or with one reader the same one while it lives. */
    private DhtNode nextReader() {
        if (!oneReader) {
            return population.randomAlive();
        }
        if (reader == null || !population.isAlive(reader)) {
            reader = population.randomAlive();
        }
        return reader;
    }

    private void probe(Stored s) {
        DhtNode reader = nextReader();
        long asked = loop.nowMillis();
        long[] firstAt = {-1};
        reader.get(s.key)
                .subscribe(
                        v -> {
                            if (v.id() == s.id && firstAt[0] < 0) {
                                firstAt[0] = loop.nowMillis();
                            }
                        },
                        error -> judge(s, asked, reader, firstAt[0]),
                        () -> judge(s, asked, reader, firstAt[0]));
    }

    private void judge(Stored s, long asked, DhtNode reader, long foundAt) {
        if (!population.isAlive(reader)) {
            return;
        }
        boolean found = foundAt >= 0;
        times.getComplete.add(asked, loop.nowMillis() - asked);
        if (found) {
            times.getFirstValue.add(asked, foundAt - asked);
        }
        // A get asked more than a round trip before the TTL may fairly miss it right at the end: allow 10 s.
        if (asked < s.expiresAt - 10_000) {
            foundBeforeTtl.record(found);
            foundOverTime.record(asked, found);
        } else if (asked > s.expiresAt) {
            goneAfterTtl.record(!found);
            foundOverTime.record(asked, found);
        }
    }

    Ratio puts() {
        return puts;
    }

    Ratio foundBeforeTtl() {
        return foundBeforeTtl;
    }

    Ratio goneAfterTtl() {
        return goneAfterTtl;
    }

    private record Stored(InfoHash key, long id, long expiresAt) {}
}
