package io.rdht.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Measures rdht over real UDP on 127.0.0.1, all nodes in this JVM, for each network size asked
 * for: it starts the nodes and waits for their routing tables to fill, warms up, then measures
 * puts one at a time, gets of those keys one at a time from other nodes (checking that each finds
 * exactly the value put), signed puts one at a time, the time from a put to each of 16 listeners,
 * and puts with many in flight; it prints a Markdown table per size and a summary, after the speed
 * of signing and verifying. It also reads the memory each node costs once the network has settled
 * and again after the warm-up (see {@link MemoryReading}).
 *
 * <p>Exit status: 0 when every network ran (failed operations are counted in the tables, not
 * fatal), 1 when a node did not start, 2 for a bad command line.
 */
public final class ClusterBenchmark {

    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);
    /** Contacts per node that count as settled, at most: a full bucket. */
    private static final int SETTLED_CONTACTS = 8;
    /** Seeds the choice of nodes, so two runs ask the same sequence of nodes. */
    private static final long SEED = 42;
    /** Listeners of the listen phase (fewer on a smaller network: N − 1). */
    private static final int LISTENERS = 16;
    /** Puts of the listen phase, and the pause between two. */
    private static final int LISTEN_PUTS = 50;

    private static final Duration LISTEN_GAP = Duration.ofMillis(50);
    /** The warm-up makes one signed put for this many of its puts. */
    private static final int SIGNED_WARMUP_SHARE = 4;
    /** Warm-up values put again and got after the memory reading's full collections (at most). */
    private static final int REFRESHES_AFTER_COLLECTIONS = 100;

    private final BenchmarkOptions options;
    private final Report report;
    private final SplittableRandom random = new SplittableRandom(SEED);

    private ClusterBenchmark(BenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.report = new Report(out);
    }

    /** Runs the benchmark with the given command line, e.g. {@code --nodes 32 --ops 500}; see {@code --help}. */
    public static void main(String[] args) throws InterruptedException {
        Optional<BenchmarkOptions> parsed =
                Flags.parseOrExit("bench", BenchmarkOptions.USAGE, BenchmarkOptions::parse, args);
        if (parsed.isEmpty()) {
            return;
        }
        BenchmarkOptions options = parsed.get();
        try {
            new ClusterBenchmark(options, System.out).run();
        } catch (Cluster.StartFailure e) {
            System.out.flush();
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() throws Cluster.StartFailure, InterruptedException {
        report.header(options);
        report.crypto(CryptoSpeed.measure());
        List<ClusterResult> results = new ArrayList<>();
        warmUpProcess(options.nodes().getFirst());
        for (int size : options.nodes()) {
            results.add(measure(size));
        }
        report.summary(results);
    }

    /**
     * Starts and stops a throwaway network of {@code size} nodes first, so that the one-off costs of
     * this process (loading classes, compiling the hot paths) do not count as the nodes' joins of
     * the network measured next; reports how long it took.
     */
    private void warmUpProcess(int size) throws Cluster.StartFailure {
        long start = System.nanoTime();
        try (Cluster cluster = Cluster.startFirst(false)) {
            cluster.grow(size);
            report.processWarmedUp(size, secondsSince(start), cluster.joins());
        }
    }

    /**
     * Unless {@code --warmup} is 0, runs the warm-up's workload and load warm-up on a throwaway
     * network of {@code size} nodes beside the measured one, then stops it, so that the measured
     * phases run on compiled code, as in a node process that has run for minutes, while the measured
     * network holds only its own warm-up's values, as OpenDHT's does. One warm-up on the measured
     * network alone left the JIT compiler still replacing the put's code through the first phase
     * (its first puts took 3–6 ms). Called once the measured network's memory is read, so that what
     * the throwaway network leaves in the C heap is not taken for the measured nodes'.
     */
    private void warmUpCode(int size) throws Cluster.StartFailure, InterruptedException {
        if (options.warmup() == 0) {
            return;
        }
        try (Cluster cluster = Cluster.startFirst(false)) {
            cluster.grow(size);
            cluster.settle(Math.min(size - 1, SETTLED_CONTACTS), SETTLE_LIMIT);
            Workload workload = new Workload(cluster, random.split());
            warmUp(
                    workload,
                    Math.min(LISTENERS, size - 1),
                    "on a throwaway network beside it, a warm-up like the one below");
            warmUpLoad(workload, "on the throwaway network, a load warm-up like the one below");
        }
    }

    private ClusterResult measure(int size) throws Cluster.StartFailure, InterruptedException {
        report.startingCluster(size);
        MemoryReading none = MemoryReading.afterGc();
        long start = System.nanoTime();
        try (Cluster cluster = Cluster.startFirst(options.persist())) {
            cluster.grow(size / 2);
            double startSeconds = secondsSince(start);
            // the first half pays the process's one-off costs: classes, Netty's shared loops and buffer pools
            MemoryReading half = MemoryReading.afterGc();
            long growStart = System.nanoTime();
            cluster.grow(size);
            startSeconds += secondsSince(growStart);
            report.started(
                    size,
                    startSeconds,
                    cluster.joins(),
                    cluster.settle(Math.min(size - 1, SETTLED_CONTACTS), SETTLE_LIMIT));
            MemoryReading all = MemoryReading.afterGc();
            MemoryReading.PerNode settled = all.perNodeSince(none, size);
            MemoryReading.PerNode secondHalf = all.perNodeSince(half, size - size / 2);
            warmUpCode(size);
            Workload workload = new Workload(cluster, random.split());
            int listeners = Math.min(LISTENERS, size - 1);
            List<Workload.Stored> warmedUp = warmUp(workload, listeners, "warm-up");
            MemoryReading.PerNode warm = MemoryReading.afterGc().perNodeSince(none, size);
            report.memory(settled, secondHalf, warm);
            refreshAfterCollections(workload, warmedUp);
            List<Workload.Stored> stored = new ArrayList<>();
            PhaseResult puts = Phase.measure(cluster, "put, 1 at a time", (latency, failures) -> {
                stored.addAll(workload.putOneAtATime("put", options.ops(), latency, failures));
                return stored.size();
            });
            ValueCheck check = new ValueCheck();
            PhaseResult gets = Phase.measure(cluster, "get, 1 at a time", (latency, failures) -> {
                workload.getOneAtATime(stored, latency, failures, check);
                return stored.size();
            });
            PhaseResult signed = Phase.measure(cluster, "signed put, 1 at a time", (latency, failures) -> {
                workload.putSignedOneAtATime("signed", options.ops(), latency, failures);
                return options.ops();
            });
            PhaseResult listen = Phase.measure(
                    cluster,
                    "put→listener, " + listeners + " listeners",
                    (latency, failures) -> workload.putToListeners(
                            "pollution_level", listeners, LISTEN_PUTS, LISTEN_GAP, latency, failures));
            warmUpLoad(workload, "load warm-up");
            PhaseResult load = Phase.measure(
                    cluster,
                    "put, " + options.inflight() + " in flight",
                    (latency, failures) -> workload.putUnderLoad(
                            "load",
                            options.inflight(),
                            Duration.ofSeconds(options.seconds()),
                            options.maxPuts(),
                            latency,
                            failures));
            ClusterResult result =
                    new ClusterResult(size, puts, gets, check, signed, listen, load, settled, secondHalf, warm);
            report.cluster(result);
            return result;
        }
    }

    /**
     * Runs every measured path unmeasured first, so that what the phases measure is a node whose code
     * the JIT compiler has compiled, as in a node that has run for a while: {@code --warmup} puts and
     * gets, a quarter as many signed puts, and one round of puts to listeners of another key.
     */
    private List<Workload.Stored> warmUp(Workload workload, int listeners, String label) throws InterruptedException {
        long start = System.nanoTime();
        Failures failures = new Failures();
        List<Workload.Stored> stored =
                workload.putOneAtATime("warmup", options.warmup(), new LatencyRecorder(), failures);
        workload.getOneAtATime(stored, new LatencyRecorder(), failures, new ValueCheck());
        int signed = options.warmup() / SIGNED_WARMUP_SHARE;
        workload.putSignedOneAtATime("warmup-signed", signed, new LatencyRecorder(), failures);
        int listenPuts = options.warmup() == 0 ? 0 : LISTEN_PUTS;
        if (listenPuts > 0) {
            workload.putToListeners(
                    "warmup_listen", listeners, listenPuts, LISTEN_GAP, new LatencyRecorder(), failures);
        }
        report.warmedUp(label, options.warmup(), signed, listenPuts, failures.total(), secondsSince(start));
        return stored;
    }

    /**
     * Puts some of the warm-up's values again and gets them, unmeasured, between the memory
     * reading's full collections and the first phase: right after those collections a phase's first
     * puts ran slower and decided the p99 of 200 (three runs alternating: put p99 0.72, 0.93 and
     * 3.26 ms with this step, 2.37, 2.16 and 3.31 without; OpenDHT's harness collects nothing). Each
     * put refreshes the copies of a value already stored, so the network holds the same values as
     * OpenDHT's.
     */
    private void refreshAfterCollections(Workload workload, List<Workload.Stored> warmedUp) {
        List<Workload.Stored> some = warmedUp.subList(0, Math.min(REFRESHES_AFTER_COLLECTIONS, warmedUp.size()));
        if (some.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        Failures failures = new Failures();
        workload.putAgainOneAtATime(some, new LatencyRecorder(), failures);
        workload.getOneAtATime(some, new LatencyRecorder(), failures, new ValueCheck());
        report.refreshedAfterCollections(some.size(), failures.total(), secondsSince(start));
    }

    /** Puts in flight as the load phase makes them, for {@code --load-warmup} seconds, not counted. */
    private void warmUpLoad(Workload workload, String label) {
        if (options.loadWarmup() == 0) {
            return;
        }
        long start = System.nanoTime();
        Failures failures = new Failures();
        long puts = workload.putUnderLoad(
                "load-warmup",
                options.inflight(),
                Duration.ofSeconds(options.loadWarmup()),
                options.maxPuts(),
                new LatencyRecorder(),
                failures);
        report.loadWarmedUp(label, puts, options.inflight(), failures.total(), secondsSince(start));
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
