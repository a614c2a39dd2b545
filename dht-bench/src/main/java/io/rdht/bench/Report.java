package io.rdht.bench;

import io.rdht.crypto.CryptoEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prints the benchmark's results as Markdown: a header naming the JVM and the machine, a section
 * per network size with one table row per phase, and a summary table. The format is stable, so the
 * output can be grepped and pasted into the README. Latencies are in milliseconds, 3 decimals.
 */
final class Report {

    private static final String PHASE_HEADER =
            "| phase | ops | ok | failed | p50 ms | p95 ms | p99 ms | max ms | ops/s | cpu us/op | datagrams/op"
                    + " | retransmits | timeouts |";
    private static final String SUMMARY_HEADER =
            "| nodes | puts ok | put p50 ms | put p95 ms | put p99 ms | gets right | get p50 ms | get p95 ms"
                    + " | get p99 ms | signed put p50 ms | signed put p99 ms | listen p50 ms | listen p95 ms"
                    + " | listen p99 ms | delivered | puts/s in flight | load p50 ms | load p99 ms"
                    + " | heap KiB/node settled | RSS KiB/node settled | heap KiB/node 2nd half | RSS KiB/node 2nd half"
                    + " | heap KiB/node warm | RSS KiB/node warm | node KiB 2nd half |";

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    /** The title, the JVM, the machine and the settings. */
    void header(BenchmarkOptions o) {
        Runtime rt = Runtime.getRuntime();
        out.println("# rdht cluster benchmark");
        out.println();
        out.printf(
                Locale.ROOT,
                "- jvm: %s %s %s, max heap %d MiB%n",
                System.getProperty("java.vm.vendor"),
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                rt.maxMemory() >> 20);
        out.printf(
                Locale.ROOT,
                "- machine: %d cores%s, %s %s %s, load average %.2f at start%n",
                rt.availableProcessors(),
                cpuModel().map(m -> " (" + m + ")").orElse(""),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(
                Locale.ROOT,
                "- run: nodes %s; %d puts then %d gets one at a time after %d of each to warm up;"
                        + " puts with %d in flight for %d s (at most %d)%s; UDP on 127.0.0.1, one JVM; %s%n",
                o.nodes().stream().map(String::valueOf).collect(Collectors.joining(",")),
                o.ops(),
                o.ops(),
                o.warmup(),
                o.inflight(),
                o.seconds(),
                o.maxPuts(),
                o.loadWarmup() == 0 ? "" : " after " + o.loadWarmup() + " s of them unmeasured",
                o.persist() ? "state persisted (SQLite, a state directory per node)" : "no state persisted");
        out.println("- columns: latency from the call to the signal that ends the operation, on the node's thread;"
                + " cpu us/op is the whole JVM's CPU time (JIT compiler and GC included) per operation;"
                + " datagrams/op, retransmits and timeouts count what every node sent during the phase,"
                + " upkeep included");
        out.flush();
    }

    /** How fast this machine signs and verifies. */
    void crypto(CryptoSpeed speed) {
        out.printf(
                Locale.ROOT,
                "- crypto: Ed25519, %s, %d-byte messages, one thread: sign %.0f/s, verify %.0f/s%n",
                CryptoEngine.describe(),
                CryptoSpeed.MESSAGE_BYTES,
                speed.signsPerSecond(),
                speed.verifiesPerSecond());
        out.flush();
    }

    /** The start of a network size's section. */
    void startingCluster(int nodes) {
        out.println();
        out.println("## " + nodes + " nodes");
        out.println();
        out.flush();
    }

    /** How long starting and settling took. */
    void started(int nodes, double startSeconds, LatencyRecorder joins, Cluster.Settling s) {
        out.printf(
                Locale.ROOT,
                "- started %d nodes in %.2f s (%s); %s in %.2f s (contacts per node: fewest %d,"
                        + " median %d, wanted >= %d); load average %.2f%n",
                nodes,
                startSeconds,
                joinTimes(joins),
                s.settled() ? "settled" : "NOT settled",
                s.seconds(),
                s.fewest(),
                s.median(),
                s.wanted(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.flush();
    }

    /** The process's first network, started and stopped before the measured one. */
    void processWarmedUp(int nodes, double seconds, LatencyRecorder joins) {
        out.printf(
                Locale.ROOT,
                "- this process's first %d nodes, started to load and compile its code, not measured: %.2f s (%s)%n",
                nodes,
                seconds,
                joinTimes(joins));
        out.flush();
    }

    private static String joinTimes(LatencyRecorder joins) {
        return String.format(
                Locale.ROOT,
                "join p50 / p99 / max %.1f / %.1f / %.1f ms",
                joins.millisAt(50),
                joins.millisAt(99),
                joins.millisAt(100));
    }

    /** The warm-up is over. */
    void warmedUp(String label, int count, int signed, int listenPuts, long failed, double seconds) {
        out.printf(
                Locale.ROOT,
                "- %s: %d puts, %d gets, %d signed puts and %d puts to listeners in %.2f s, %d failed%n",
                label,
                count,
                count,
                signed,
                listenPuts,
                seconds,
                failed);
        out.flush();
    }

    /** The warm-up values put again after the memory reading are answered. */
    void refreshedAfterCollections(int values, long failed, double seconds) {
        out.printf(
                Locale.ROOT,
                "- after the memory reading's full collections: %d warm-up values put again (each refreshes its"
                        + " stored copies, adding no value) and got in %.2f s, %d failed, not measured%n",
                values,
                seconds,
                failed);
        out.flush();
    }

    void loadWarmedUp(String label, long puts, int inflight, long failed, double seconds) {
        out.printf(
                Locale.ROOT,
                "- %s: %d puts with %d in flight in %.2f s, %d failed, not measured%n",
                label,
                puts,
                inflight,
                seconds,
                failed);
        out.flush();
    }

    /**
     * The memory the nodes cost: per node once settled and after the warm-up (what N nodes added to
     * the process, divided by N), and per node of the second half (what one more node costs).
     */
    void memory(MemoryReading.PerNode settled, MemoryReading.PerNode secondHalf, MemoryReading.PerNode warm) {
        out.printf(
                Locale.ROOT,
                "- memory per node, settled: live heap %s KiB, resident set growth %s KiB"
                        + " (second half of the nodes: %s KiB heap, %s KiB resident); after the warm-up: %s KiB heap,"
                        + " %s KiB resident. Readings after full collections, before the nodes and after,"
                        + " divided by the number of nodes%n",
                kib(settled.heapKib()),
                kib(settled.rssKib()),
                kib(secondHalf.heapKib()),
                kib(secondHalf.rssKib()),
                kib(warm.heapKib()),
                kib(warm.rssKib()));
        if (secondHalf.heapResident()) {
            out.printf(
                    Locale.ROOT,
                    "- the heap was resident from the start (-Xms = -Xmx, -XX:+AlwaysPreTouch), so resident growth is"
                            + " what the nodes hold outside it; a node of the second half: %s KiB (live heap + that)%n",
                    kib(secondHalf.nodeKib()));
        }
        out.flush();
    }

    /** The table of one network size, then what the gets found and why operations failed. */
    void cluster(ClusterResult r) {
        out.println();
        out.println(PHASE_HEADER);
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (PhaseResult p : r.phases()) {
            out.println(row(
                    p.name(),
                    count(p.attempted()),
                    count(p.succeeded()),
                    count(p.failures().total()),
                    ms(p, 50),
                    ms(p, 95),
                    ms(p, 99),
                    p.succeeded() == 0 ? "-" : decimals(p.latency().maxMillis(), 3),
                    decimals(p.perSecond(), 0),
                    decimals(p.cpuMicrosPerOp(), 0),
                    decimals(p.datagramsPerOp(), 1),
                    count(p.traffic().retransmissions()),
                    count(p.traffic().timeouts())));
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "- get values: %d right, %d missing, %d wrong%n",
                r.check().right(),
                r.check().missing(),
                r.check().wrong());
        for (PhaseResult p : r.phases()) {
            if (p.failures().total() > 0) {
                out.printf(
                        Locale.ROOT,
                        "- failed, %s: %s%n",
                        p.name(),
                        p.failures().summary());
            }
        }
        out.flush();
    }

    /** The summary table of every network size. */
    void summary(List<ClusterResult> results) {
        out.println();
        out.println("## summary");
        out.println();
        out.println(SUMMARY_HEADER);
        out.println("|---:".repeat(25) + "|");
        for (ClusterResult r : results) {
            out.println(row(
                    count(r.nodes()),
                    r.puts().succeeded() + "/" + r.puts().attempted(),
                    ms(r.puts(), 50),
                    ms(r.puts(), 95),
                    ms(r.puts(), 99),
                    r.check().right() + "/" + r.gets().attempted(),
                    ms(r.gets(), 50),
                    ms(r.gets(), 95),
                    ms(r.gets(), 99),
                    ms(r.signed(), 50),
                    ms(r.signed(), 99),
                    ms(r.listen(), 50),
                    ms(r.listen(), 95),
                    ms(r.listen(), 99),
                    r.listen().succeeded() + "/" + r.listen().attempted(),
                    decimals(r.load().perSecond(), 0),
                    ms(r.load(), 50),
                    ms(r.load(), 99),
                    kib(r.settledMemory().heapKib()),
                    kib(r.settledMemory().rssKib()),
                    kib(r.secondHalfMemory().heapKib()),
                    kib(r.secondHalfMemory().rssKib()),
                    kib(r.warmMemory().heapKib()),
                    kib(r.warmMemory().rssKib()),
                    kib(r.secondHalfMemory().nodeKib())));
        }
        out.flush();
    }

    private static String row(String... cells) {
        return Stream.of(cells).collect(Collectors.joining(" | ", "| ", " |"));
    }

    private static String ms(PhaseResult p, double percentile) {
        return p.succeeded() == 0 ? "-" : decimals(p.latency().millisAt(percentile), 3);
    }

    private static String decimals(double x, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", x);
    }

    private static String kib(double kib) {
        return Double.isNaN(kib) ? "-" : decimals(kib, 1);
    }

    private static String count(long n) {
        return Long.toString(n);
    }

    /** The processor's name on Linux, where /proc/cpuinfo gives it. */
    private static Optional<String> cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
