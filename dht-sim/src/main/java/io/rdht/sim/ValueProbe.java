package io.rdht.sim;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Do values stay retrievable until their TTL? Puts values once, each from a random node, then
 * once a minute gets each from a random live node: before its TTL it should be found, after it
 * not. The nodes that put them may die meanwhile; the storers have to keep them alive.
 */
final class ValueProbe {

    private static final long PROBE_EVERY_MILLIS = 60_000;

    private final EventLoop loop;
    private final Population population;
    private final SplittableRandom random;
    private final int count;
    private final Duration ttl;
    private final TimeSeries foundOverTime;
    private final List<Stored> stored = new ArrayList<>();
    private final Ratio puts = new Ratio();
    private final Ratio foundBeforeTtl = new Ratio();
    private final Ratio goneAfterTtl = new Ratio();
    private long stopAt;

    ValueProbe(EventLoop loop, Population population, SplittableRandom random, int count, Duration ttl,
               TimeSeries foundOverTime) {
        this.loop = loop;
        this.population = population;
        this.random = random;
        this.count = count;
        this.ttl = ttl;
        this.foundOverTime = foundOverTime;
    }

    /** Puts the values now and probes them until {@code stopAtMillis}. */
    void start(long stopAtMillis) {
        this.stopAt = stopAtMillis;
        for (int i = 0; i < count; i++) {
            InfoHash key = InfoHash.random(random);
            Value value = Value.builder().text("value " + i).ttl(ttl).build();
            population.randomAlive().put(key, value).subscribe(result -> {
                puts.record(true);
                stored.add(new Stored(key, result.value().id(), result.value().created().toEpochMilli() + ttl.toMillis()));
            }, error -> puts.record(false));
        }
        loop.schedule(this::probeAll, PROBE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void probeAll() {
        for (Stored s : List.copyOf(stored)) {
            probe(s);
        }
        if (loop.nowMillis() + PROBE_EVERY_MILLIS < stopAt) {
            loop.schedule(this::probeAll, PROBE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void probe(Stored s) {
        DhtNode reader = population.randomAlive();
        long asked = loop.nowMillis();
        boolean[] found = {false};
        reader.get(s.key).filter(v -> v.id() == s.id).next().subscribe(v -> found[0] = true, error -> judge(s, asked,
                reader, false), () -> judge(s, asked, reader, found[0]));
    }

    private void judge(Stored s, long asked, DhtNode reader, boolean found) {
        if (!population.isAlive(reader)) {
            return;
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

    private record Stored(InfoHash key, long id, long expiresAt) {
    }
}
