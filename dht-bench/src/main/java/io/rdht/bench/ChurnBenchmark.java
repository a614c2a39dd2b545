package io.rdht.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * rdht's side of bin/bench-churn: N rdht node processes on 127.0.0.1 and a reader node in this
 * JVM; V values put; then a share of the processes, the bootstrap node among them, killed with
 * SIGKILL at once; gets, puts and new listens timed one at a time before the crash, after it, and
 * after the killed nodes are restarted on their ports. Prints one JSON line per operation on
 * standard output ({@link OpRecord}), progress on standard error.
 *
 * <p>Each round is a get (of the values put, in turn), every 4th also a put of a new key and every
 * 8th a new listen on a stored key; a round starts at most every {@link #ROUND} so that the
 * operations spread over time. Every phase is bounded in rounds and in time (30 s, 60 s after the
 * crash), the whole run by {@code --max-seconds}; the node processes are killed when it ends, also
 * on Ctrl-C.
 *
 * <p>Exit status: 0 when the run completed (failed operations are in the output, not fatal), 1 when
 * a node did not start, 2 for a bad command line.
 */
public final class ChurnBenchmark {

    private static final Duration ROUND = Duration.ofMillis(250);
    private static final Duration NODE_START = Duration.ofSeconds(120);
    /** Longest the phase before the crash and the one after the restart may start rounds. */
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(30);
    /** Longest the phase after the crash may start rounds. */
    private static final Duration CRASH_PHASE_LIMIT = Duration.ofSeconds(60);
    /** Puts and gets before measuring, unrecorded: the node processes start cold (JIT compiler, tables). */
    private static final int WARMUP = 100;

    private static final long SEED = 10;

    private final ChurnOptions options;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final long deadline;

    private ChurnBenchmark(ChurnOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.deadline = startNanos + TimeUnit.SECONDS.toNanos(options.maxSeconds());
    }

    /** Runs it; see {@link ChurnOptions#USAGE}. */
    public static void main(String[] args) {
        Optional<ChurnOptions> parsed = Flags.parseOrExit("bench-churn", ChurnOptions.USAGE, ChurnOptions::parse, args);
        if (parsed.isEmpty()) {
            return;
        }
        ChurnOptions options = parsed.get();
        NodeProcesses network = new NodeProcesses(List.of(options.rdht()), options.work(), NODE_START);
        // Ctrl-C or SIGTERM: the nodes die with this JVM (close() kills only what still runs)
        Runtime.getRuntime().addShutdownHook(new Thread(network::close, "bench-churn-stop"));
        try (network) {
            new ChurnBenchmark(options, System.out).run(network);
        } catch (IllegalStateException e) {
            System.err.println("bench-churn: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run(NodeProcesses network) {
        log("starting " + options.nodes() + " rdht node processes");
        network.start(options.nodes());
        log("started; the reader joins through node 0 at " + network.node(0).address());
        try (ChurnReader reader = ChurnReader.join(network.node(0).address())) {
            for (int i = 0; i < WARMUP; i++) {
                reader.put("warmup-" + i, "warmup-" + i);
                reader.get("warmup-" + i, "warmup-" + i);
            }
            for (int i = 0; i < options.values(); i++) {
                int v = i;
                measure("before", "put", i, () -> reader.put(key(v), text(v)));
            }
            rounds(reader, "before", options.gets(), PHASE_LIMIT);

            List<Integer> killed = chooseKilled();
            log("killing " + killed.size() + " of " + options.nodes() + " nodes with SIGKILL: " + killed);
            event("kill");
            network.kill(killed);
            rounds(reader, "crash", 2 * options.gets(), CRASH_PHASE_LIMIT);

            if (System.nanoTime() >= deadline) {
                log("no time left for the restart (--max-seconds " + options.maxSeconds() + ")");
                return;
            }
            int survivor = 0;
            while (killed.contains(survivor)) {
                survivor++;
            }
            log("restarting the killed nodes on their ports, joining through node " + survivor);
            network.restart(killed, network.node(survivor).address());
            event("restarted");
            rounds(reader, "restart", options.gets(), PHASE_LIMIT);
        }
        log("done");
    }

    /** Node 0 (every other joined through it) and others drawn at random, a fixed draw for a given size. */
    private List<Integer> chooseKilled() {
        List<Integer> others = new ArrayList<>();
        for (int i = 1; i < options.nodes(); i++) {
            others.add(i);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        List<Integer> killed = new ArrayList<>(List.of(0));
        while (killed.size() < options.killed()) {
            killed.add(others.remove(random.nextInt(others.size())));
        }
        return List.copyOf(killed);
    }

    private void rounds(ChurnReader reader, String phase, int count, Duration limit) {
        long phaseEnd = Math.min(deadline, System.nanoTime() + limit.toNanos());
        int puts = 0;
        int listens = 0;
        int i = 0;
        for (; i < count && System.nanoTime() < phaseEnd; i++) {
            long start = System.nanoTime();
            int v = i % options.values();
            measure(phase, "get", i, () -> reader.get(key(v), text(v)));
            if (i % 4 == 3) {
                String key = phase + "-put-" + puts;
                measure(phase, "put", puts++, () -> reader.put(key, key));
            }
            if (i % 8 == 7) {
                int w = (i / 8) % options.values();
                measure(phase, "listen", listens++, () -> reader.listen(key(w), text(w)));
            }
            long pause = start + ROUND.toNanos() - System.nanoTime();
            if (pause > 0) {
                sleep(pause);
            }
        }
        log(phase + ": " + i + " of " + count + " rounds" + (i < count ? ", cut short by the time limit" : ""));
    }

    private void measure(String phase, String kind, int seq, Supplier<ChurnReader.Timing> operation) {
        double at = seconds();
        ChurnReader.Timing t = operation.get();
        out.println(new OpRecord("rdht", phase, kind, seq, at, t.firstMs(), t.doneMs(), t.ok(), t.storers(), t.error())
                .json());
        out.flush();
    }

    /** A line that marks a moment of the run, {@code kill} or {@code restarted}, for the table's phases. */
    private void event(String name) {
        out.printf(Locale.ROOT, "{\"system\":\"rdht\",\"event\":\"%s\",\"at\":%.3f}%n", name, seconds());
        out.flush();
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String key(int i) {
        return "churn-" + i;
    }

    private static String text(int i) {
        return "value-" + i;
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void log(String message) {
        System.err.println("[rdht " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }
}
