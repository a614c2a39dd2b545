package io.rdht.bench;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fills one running node's storage with the smallest values, from many loopback addresses at once,
 * as a flood of an attacker with many hosts would; then measures what a user of the full node
 * waits for a get, and for a put it must refuse. bin/bench-fill starts the node (a real process,
 * through the launcher) and reads its memory afterwards.
 *
 * <p>Exit status: 0 when the run ended (its figures say how it went), 1 when a client did not
 * join, 2 for a bad command line.
 */
public final class StorageFill {

    /** Values per key: below the share a source keeps of a key three quarters full (768 of 1,024). */
    private static final int VALUES_PER_KEY = 700;
    /** Puts a client keeps in flight. */
    private static final int IN_FLIGHT = 32;
    /** Refusals in a row after which a client takes the node for full. */
    private static final int FULL_AFTER = 100;

    private static final int MEASURED_GETS = 200;
    private static final int MEASURED_REFUSALS = 20;
    private static final Duration START = Duration.ofSeconds(10);
    private static final Duration TTL = Duration.ofHours(1);

    private static final List<String> FLAGS = List.of("--target", "--clients", "--value-bytes", "--max-seconds");
    private static final String USAGE = """
            usage: java -cp dht-bench.jar io.rdht.bench.StorageFill --target HOST:PORT
                        [--clients 16] [--value-bytes 1] [--max-seconds 300]
              (bin/bench-fill runs it; see bin/bench-fill --help)
            """;

    private final String target;
    private final int clients;
    private final int valueBytes;
    private final long deadline;

    private StorageFill(Map<String, String> flags) throws Flags.UsageException {
        if (!flags.containsKey("--target")) {
            throw new Flags.UsageException("--target is required");
        }
        target = flags.get("--target");
        clients = Flags.number("--clients", flags.getOrDefault("--clients", "16"), 1, 250);
        valueBytes = Flags.number("--value-bytes", flags.getOrDefault("--value-bytes", "1"), 1, Value.MAX_DATA_BYTES);
        int maxSeconds = Flags.number("--max-seconds", flags.getOrDefault("--max-seconds", "300"), 1, 3600);
        deadline = System.nanoTime() + Duration.ofSeconds(maxSeconds).toNanos();
    }

    /** Runs the fill with the given command line; see {@code --help}. */
    public static void main(String[] args) {
        Flags.parseOrExit("bench-fill", USAGE, a -> new StorageFill(Flags.parse(FLAGS, a)), args)
                .ifPresent(StorageFill::joinAndRun);
    }

    /** Joins the flooders and the user (client 0), runs the fill, and closes them; exits 1 if one does not join. */
    private void joinAndRun() {
        List<DhtNode> nodes = new ArrayList<>();
        try {
            for (int c = 0; c <= clients; c++) {
                nodes.add(client(c));
            }
        } catch (RuntimeException e) {
            System.err.println("bench-fill: a client did not join " + target + ": " + e.getMessage());
            nodes.forEach(DhtNode::close);
            System.exit(1);
        }
        try {
            run(nodes.subList(1, nodes.size()), nodes.get(0));
        } finally {
            nodes.forEach(DhtNode::close);
        }
    }

    /** Client {@code c}, a node that uses the network without serving it, on loopback address 127.0.1.{@code c+1}. */
    private DhtNode client(int c) {
        DhtNode node = DhtNode.create(DhtConfig.builder()
                .bindHost("127.0.1." + (c + 1))
                .port(0)
                .bootstrap(target)
                .readOnly(true)
                .build());
        node.start().block(START);
        return node;
    }

    private void run(List<DhtNode> flooders, DhtNode user) {
        Counts counts = new Counts();
        LatencyRecorder puts = new LatencyRecorder();
        long start = System.nanoTime();
        Flux.range(0, flooders.size())
                .flatMap(c -> flood(c, flooders.get(c), counts, puts), flooders.size())
                .then()
                .block();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "fill: %,d values of %d byte%s stored, %,d refused, %,d failed (no answer in time) in %.1f s: %,.0f puts/s;"
                        + " put p50 %.2f ms, p99 %.2f ms%n",
                counts.stored.get(),
                valueBytes,
                valueBytes == 1 ? "" : "s",
                counts.refused.get(),
                counts.failed.get(),
                seconds,
                (counts.stored.get() + counts.refused.get()) / seconds,
                puts.millisAt(50),
                puts.millisAt(99));
        measureTheFullNode(user, counts.stored.get() > 0 ? flooders.size() : 0);
    }

    /** Client {@code c}'s puts, {@value #IN_FLIGHT} in flight, until it is refused {@value #FULL_AFTER} times in a row or time is up. */
    private Mono<Void> flood(int c, DhtNode node, Counts counts, LatencyRecorder latencies) {
        AtomicLong refusedInARow = new AtomicLong();
        return Flux.range(0, Integer.MAX_VALUE)
                .takeWhile(i -> refusedInARow.get() < FULL_AFTER && System.nanoTime() < deadline)
                .flatMap(
                        i -> {
                            long sent = System.nanoTime();
                            return node.put(keyOf(c, i), valueOf(i))
                                    .doOnNext(r -> {
                                        latencies.recordNanos(System.nanoTime() - sent);
                                        counts.stored.incrementAndGet();
                                        refusedInARow.set(0);
                                    })
                                    .then()
                                    .onErrorResume(e -> {
                                        if (e instanceof DhtException.Rejected) {
                                            counts.refused.incrementAndGet();
                                            refusedInARow.incrementAndGet();
                                        } else {
                                            counts.failed.incrementAndGet();
                                        }
                                        return Mono.empty();
                                    });
                        },
                        IN_FLIGHT)
                .then();
    }

    /** What a user of the full node waits: gets of stored keys, and puts it refuses. */
    private void measureTheFullNode(DhtNode user, int floodedClients) {
        if (floodedClients == 0) {
            System.out.println("after: nothing was stored, nothing to measure");
            return;
        }
        SplittableRandom random = new SplittableRandom(1);
        LatencyRecorder gets = new LatencyRecorder();
        int found = 0;
        for (int i = 0; i < MEASURED_GETS; i++) {
            long start = System.nanoTime();
            List<Value> values = user.get(keyOf(random.nextInt(floodedClients), 0))
                    .collectList()
                    .onErrorReturn(List.of())
                    .block();
            gets.recordNanos(System.nanoTime() - start);
            found += values.isEmpty() ? 0 : 1;
        }
        LatencyRecorder refusals = new LatencyRecorder();
        int refused = 0;
        for (int i = 0; i < MEASURED_REFUSALS; i++) {
            long start = System.nanoTime();
            boolean wasRefused = user.put(InfoHash.of("after the fill " + i), valueOf(i))
                    .map(r -> false)
                    .onErrorResume(DhtException.Rejected.class, e -> Mono.just(true))
                    .onErrorReturn(false)
                    .block();
            refusals.recordNanos(System.nanoTime() - start);
            refused += wasRefused ? 1 : 0;
        }
        System.out.printf(
                "after: %d of %d gets found their key's values, get p50 %.2f ms, p95 %.2f, p99 %.2f;"
                        + " %d of %d new puts refused as the storage is full, p50 %.2f ms%n",
                found,
                MEASURED_GETS,
                gets.millisAt(50),
                gets.millisAt(95),
                gets.millisAt(99),
                refused,
                MEASURED_REFUSALS,
                refusals.millisAt(50));
    }

    private static InfoHash keyOf(int client, int i) {
        return InfoHash.of("fill " + client + " " + i / VALUES_PER_KEY);
    }

    private Value valueOf(int i) {
        return Value.builder().id(i + 1L).data(new byte[valueBytes]).ttl(TTL).build();
    }

    /** What the flood's puts came to. */
    private static final class Counts {
        final AtomicLong stored = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
    }
}
