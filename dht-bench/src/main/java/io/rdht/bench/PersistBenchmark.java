package io.rdht.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What persistence costs the puts/s, measured in one process: two networks of the same size on
 * 127.0.0.1, one whose nodes keep their state in SQLite (a state directory each, as
 * {@code --state-dir} does) and one without, both warmed up, then rounds of puts with many in
 * flight on each in turn, the order alternating from round to round (without, with; with,
 * without; ...). Both networks share the JIT compiler's work and the machine's minute, so the
 * ratio of one round is not the ratio of two processes compiled differently. Before each phase
 * both networks' stores have made everything durable and the heap is collected, so that neither
 * phase pays for the other's writes. It prints a Markdown row per round and the median ratio.
 *
 * <p>Exit status: 0 when every round ran (failed puts are counted in the rows), 1 when a node did
 * not start, 2 for a bad command line.
 */
public final class PersistBenchmark {

    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);
    private static final Duration DURABLE_LIMIT = Duration.ofSeconds(30);
    /** Pause before each phase, after the collection, for the collector's and the stores' threads to go quiet. */
    private static final Duration QUIET = Duration.ofSeconds(1);
    /** Contacts per node that count as settled, at most: a full bucket. */
    private static final int SETTLED_CONTACTS = 8;

    private static final int MAX_PUTS = 1_000_000;
    private static final long SEED = 42;

    private final PersistOptions options;
    private final PersistReport report;
    private final SplittableRandom random = new SplittableRandom(SEED);

    private PersistBenchmark(PersistOptions options, PrintStream out) {
        this.options = options;
        this.report = new PersistReport(out);
    }

    /** Runs the benchmark with the given command line, e.g. {@code --rounds 6}; see {@code --help}. */
    public static void main(String[] args) throws InterruptedException {
        Optional<PersistOptions> parsed =
                Flags.parseOrExit("bench-persist", PersistOptions.USAGE, PersistOptions::parse, args);
        if (parsed.isEmpty()) {
            return;
        }
        try {
            new PersistBenchmark(parsed.get(), System.out).run();
        } catch (Cluster.StartFailure e) {
            System.out.flush();
            System.err.println("bench-persist: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() throws Cluster.StartFailure, InterruptedException {
        report.header(options);
        try (Cluster without = start(false);
                Cluster with = start(true)) {
            Side plain = new Side("without", without, new Workload(without, random.split()));
            Side persisted = new Side("with", with, new Workload(with, random.split()));
            List<Side> sides = List.of(plain, persisted);
            for (Side side : sides) {
                warmUp(side, sides);
            }
            for (int round = 1; round <= options.rounds(); round++) {
                List<Side> order = round % 2 == 1 ? sides : sides.reversed();
                PhaseResult first = load(order.get(0), round, sides);
                PhaseResult second = load(order.get(1), round, sides);
                boolean plainFirst = order.get(0) == plain;
                report.round(round, plainFirst, plainFirst ? first : second, plainFirst ? second : first);
            }
            report.summary();
        }
    }

    private Cluster start(boolean persist) throws Cluster.StartFailure, InterruptedException {
        Cluster cluster = Cluster.startFirst(persist);
        try {
            cluster.grow(options.nodes());
            Cluster.Settling settling = cluster.settle(Math.min(options.nodes() - 1, SETTLED_CONTACTS), SETTLE_LIMIT);
            report.started(persist, settling);
            return cluster;
        } catch (Cluster.StartFailure | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void warmUp(Side side, List<Side> sides) throws InterruptedException {
        if (options.warmupSeconds() == 0) {
            return;
        }
        quiet(sides);
        PhaseResult warm = Phase.measure(
                side.cluster(),
                "warm-up",
                (latency, failures) -> side.workload()
                        .putUnderLoad(
                                "warm",
                                options.inflight(),
                                Duration.ofSeconds(options.warmupSeconds()),
                                MAX_PUTS,
                                latency,
                                failures));
        report.warmedUp(side.name(), warm);
    }

    private PhaseResult load(Side side, int round, List<Side> sides) throws InterruptedException {
        quiet(sides);
        return Phase.measure(
                side.cluster(),
                "round " + round,
                (latency, failures) -> side.workload()
                        .putUnderLoad(
                                "round" + round,
                                options.inflight(),
                                Duration.ofSeconds(options.seconds()),
                                MAX_PUTS,
                                latency,
                                failures));
    }

    /** Lets both networks' stores write what they hold, collects the heap, then waits a moment. */
    private static void quiet(List<Side> sides) throws InterruptedException {
        for (Side side : sides) {
            side.cluster().awaitDurable(DURABLE_LIMIT);
        }
        System.gc();
        Thread.sleep(QUIET.toMillis());
    }

    /** One of the two networks, and the workload that puts to it. */
    private record Side(String name, Cluster cluster, Workload workload) {}
}
