package io.rdht.jmh;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.storage.ExpiredValue;
import io.rdht.core.storage.Storage;
import io.rdht.core.storage.StorageLimits;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Storing values in a {@link Storage} and draining the expired ones, per value: each invocation
 * stores, or expires, a batch of {@value #VALUES} readings spread over {@value #KEYS} keys and
 * {@value #SOURCES} source addresses, with expiries in no particular order, under the node's
 * default limits (which the batch stays well within).
 *
 * <p>Storing starts from an empty storage each time, so its figure includes growing the maps and
 * the expiry heap to the batch's size. Draining takes every value of a full storage at once, as a
 * node does after it was busy past many expiries; a node that keeps up drains one or two at a
 * time, from a heap of the same size.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StorageBenchmark {

    /** Values stored or expired per invocation. */
    static final int VALUES = 10_000;

    private static final int KEYS = 1_000;
    private static final int SOURCES = 100;
    private static final StorageLimits LIMITS = EngineSettings.defaults().storage();
    /** A time at which every reading of the batch has expired. */
    private static final long ALL_EXPIRED_MILLIS = Samples.NOW_MILLIS + Samples.TTL.toMillis();

    /** The readings of one invocation, with their keys and sources, drawn once. */
    @State(Scope.Thread)
    public static class Batch {
        private final InfoHash[] keys = new InfoHash[VALUES];
        private final Value[] values = new Value[VALUES];
        private final InetAddress[] sources = new InetAddress[VALUES];

        /** Draws the batch and checks that a storage takes all of it and lets all of it expire. */
        @Setup(Level.Trial)
        public void draw() {
            Samples samples = new Samples(3);
            InfoHash[] keyPool = new InfoHash[KEYS];
            InetAddress[] sourcePool = new InetAddress[SOURCES];
            for (int i = 0; i < KEYS; i++) {
                keyPool[i] = samples.id();
            }
            for (int i = 0; i < SOURCES; i++) {
                sourcePool[i] = samples.ipv4();
            }
            for (int i = 0; i < VALUES; i++) {
                keys[i] = keyPool[i % KEYS];
                sources[i] = sourcePool[i % SOURCES];
                values[i] = samples.reading();
            }
            Storage storage = storeAll();
            if (storage.valueCount() != VALUES
                    || storage.expire(ALL_EXPIRED_MILLIS).size() != VALUES) {
                throw new IllegalStateException(
                        "the storage did not take, or did not expire, all " + VALUES + " values of the batch");
            }
        }

        /** A new storage with the node's default limits, holding the batch. */
        Storage storeAll() {
            Storage storage = new Storage(LIMITS);
            for (int i = 0; i < VALUES; i++) {
                storage.store(keys[i], values[i], sources[i], Samples.NOW_MILLIS);
            }
            return storage;
        }
    }

    /** A storage holding the batch, filled again before each drain. */
    @State(Scope.Thread)
    public static class Filled {
        private Storage storage;

        /** Stores the batch in a new storage. */
        @Setup(Level.Invocation)
        public void fill(Batch batch) {
            storage = batch.storeAll();
        }
    }

    /** Stores the batch in a new storage. */
    @Benchmark
    @OperationsPerInvocation(VALUES)
    public Storage store(Batch batch) {
        return batch.storeAll();
    }

    /** Removes every value of a full storage, all expired. */
    @Benchmark
    @OperationsPerInvocation(VALUES)
    public List<ExpiredValue> expire(Filled filled) {
        return filled.storage.expire(ALL_EXPIRED_MILLIS);
    }
}
