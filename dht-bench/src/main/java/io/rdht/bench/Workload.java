package io.rdht.bench;

import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operations of the benchmark on one cluster, each put from a random node and each get from
 * another: puts and gets one at a time, driven from the calling thread (which must not be a node's
 * event loop), and puts with many in flight.
 *
 * <p>A latency runs from the call to the signal that ends the operation, on the node's thread:
 * the wake-up of the waiting thread is not part of it. Each value's text is its key's name, so a
 * get can tell a right value from another key's.
 */
final class Workload {

    /** Longest an operation may take before it counts as failed. */
    static final Duration OP_TIMEOUT = Duration.ofSeconds(10);
    /** Time for new listens to register with their storers before the first put. */
    private static final Duration LISTEN_SETTLE = Duration.ofMillis(500);

    private final Cluster cluster;
    private final SplittableRandom random;

    Workload(Cluster cluster, SplittableRandom random) {
        this.cluster = cluster;
        this.random = random;
    }

    /**
     * Puts {@code count} distinct keys named {@code prefix-0}, {@code prefix-1}…, one at a time.
     *
     * @return each key with the node that put it and the value as stored (null if the put failed)
     */
    List<Stored> putOneAtATime(String prefix, int count, LatencyRecorder latency, Failures failures) {
        List<Stored> stored = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = prefix + "-" + i;
            int putter = random.nextInt(cluster.size());
            PutResult result = await(cluster.node(putter).put(InfoHash.of(key), Value.of(key)), latency, failures);
            stored.add(new Stored(key, putter, result == null ? null : result.value()));
        }
        return stored;
    }

    /**
     * Puts each of {@code stored} again, as stored, from the node that put it, one at a time: each
     * refreshes the copies its storers hold and adds no value. A put that failed the first time is
     * skipped.
     */
    void putAgainOneAtATime(List<Stored> stored, LatencyRecorder latency, Failures failures) {
        for (Stored s : stored) {
            if (s.value() != null) {
                await(cluster.node(s.putter()).put(InfoHash.of(s.key()), s.value()), latency, failures);
            }
        }
    }

    /**
     * Gets each of {@code stored} from a node other than the one that put it, one at a time, and
     * tells {@code check} what each found.
     */
    void getOneAtATime(List<Stored> stored, LatencyRecorder latency, Failures failures, ValueCheck check) {
        for (Stored s : stored) {
            int getter = (s.putter() + 1 + random.nextInt(cluster.size() - 1)) % cluster.size();
            List<Value> found =
                    await(cluster.node(getter).get(InfoHash.of(s.key())).collectList(), latency, failures);
            if (found != null) {
                check.add(s, found);
            }
        }
    }

    /**
     * Puts distinct keys named {@code prefix-0}… with {@code inflight} puts in flight, starting new
     * ones for {@code duration} and at most {@code cap} in all; then waits for those in flight.
     *
     * @return the number of puts started
     */
    long putUnderLoad(
            String prefix, int inflight, Duration duration, int cap, LatencyRecorder latency, Failures failures) {
        SplittableRandom choices = random.split();
        long deadline = System.nanoTime() + duration.toNanos();
        return Flux.range(0, cap)
                .takeWhile(i -> System.nanoTime() < deadline)
                // upstream signals are serialized, so the unshared random needs no lock
                .map(i -> new Launch(prefix + "-" + i, cluster.node(choices.nextInt(cluster.size()))))
                .flatMap(
                        launch -> measured(
                                        launch.node().put(InfoHash.of(launch.key()), Value.of(launch.key())),
                                        latency,
                                        failures)
                                .thenReturn(launch),
                        inflight)
                .count()
                .blockOptional(duration.plus(OP_TIMEOUT).plus(OP_TIMEOUT))
                .orElseThrow();
    }

    /**
     * Signed puts of distinct keys named {@code prefix-0}…, one at a time, each from a random node
     * signing with its own identity.
     */
    void putSignedOneAtATime(String prefix, int count, LatencyRecorder latency, Failures failures) {
        for (int i = 0; i < count; i++) {
            DhtNode node = cluster.node(random.nextInt(cluster.size()));
            String key = prefix + "-" + i;
            await(node.putSigned(InfoHash.of(key), Value.of(key)), latency, failures);
        }
    }

    /**
     * Subscribes {@code listeners} nodes, spread over the cluster, to one key, then makes
     * {@code puts} puts to it from random nodes, {@code gap} apart, and records for each listener the
     * time from the put's call to the value's arrival. The clock starts as the put is subscribed to,
     * the call that sets it going, as OpenDHT's client starts it just before {@code node.put}: the
     * harness's own work before that (choosing the node, making the value, wrapping the put in its
     * timeout) is not counted.
     *
     * @return the deliveries expected: puts that succeeded times listeners
     */
    long putToListeners(String key, int listeners, int puts, Duration gap, LatencyRecorder latency, Failures failures)
            throws InterruptedException {
        InfoHash hash = InfoHash.of(key);
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        AtomicLong delivered = new AtomicLong();
        List<Disposable> subscriptions = new ArrayList<>();
        for (int l = 0; l < listeners; l++) {
            subscriptions.add(cluster.node(l * cluster.size() / listeners)
                    .listen(hash)
                    .subscribe(e -> {
                        Long start = startedAt.get(e.value().dataAsText());
                        if (e instanceof ValueEvent.Added && start != null) {
                            latency.recordNanos(System.nanoTime() - start);
                            delivered.incrementAndGet();
                        }
                    }));
        }
        Thread.sleep(LISTEN_SETTLE.toMillis());
        long ok = 0;
        LatencyRecorder putLatency = new LatencyRecorder();
        for (int i = 0; i < puts; i++) {
            String text = key + "-" + i;
            DhtNode putter = cluster.node(random.nextInt(cluster.size()));
            Value value = Value.of(text);
            Mono<PutResult> put = Mono.defer(() -> {
                startedAt.put(text, System.nanoTime());
                return putter.put(hash, value);
            });
            if (await(put, putLatency, failures) != null) {
                ok++;
            }
            Thread.sleep(gap.toMillis());
        }
        long expected = ok * listeners;
        long deadline = System.nanoTime() + OP_TIMEOUT.toNanos();
        while (delivered.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        subscriptions.forEach(Disposable::dispose);
        return expected;
    }

    /** Waits for {@code operation} on this thread; its value, or null after counting its failure. */
    private static <T> T await(Mono<T> operation, LatencyRecorder latency, Failures failures) {
        return measured(operation, latency, failures).block().orElse(null);
    }

    /**
     * {@code operation} with a timeout, recording its latency when it succeeds and counting it when
     * it fails with a {@link DhtException} or times out; any other error is a bug and propagates.
     */
    private static <T> Mono<Optional<T>> measured(Mono<T> operation, LatencyRecorder latency, Failures failures) {
        return Mono.defer(() -> {
                    long start = System.nanoTime();
                    return operation.doOnSuccess(v -> latency.recordNanos(System.nanoTime() - start));
                })
                .timeout(OP_TIMEOUT)
                .map(Optional::of)
                .onErrorResume(e -> e instanceof DhtException || e instanceof TimeoutException, e -> {
                    failures.add(e);
                    return Mono.just(Optional.empty());
                });
    }

    /**
     * A key put by the benchmark.
     *
     * @param key    the key's name
     * @param putter the index of the node that put it
     * @param value  the value as stored, or null if the put failed
     */
    record Stored(String key, int putter, Value value) {}

    private record Launch(String key, DhtNode node) {}
}
