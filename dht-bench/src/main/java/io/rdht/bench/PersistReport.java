package io.rdht.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the persistence benchmark as Markdown: the settings, a row per round with both networks'
 * puts/s, their ratio and CPU time per put, and a summary with the median ratio over the rounds.
 */
final class PersistReport {

    private final PrintStream out;
    private final List<Double> ratios = new ArrayList<>();
    private final List<Double> cpuRatios = new ArrayList<>();
    private long putsWithout;
    private long putsWith;
    private double secondsWithout;
    private double secondsWith;

    PersistReport(PrintStream out) {
        this.out = out;
    }

    /** The title, the JVM and the settings. */
    void header(PersistOptions o) {
        out.println("# rdht persistence benchmark");
        out.println();
        out.printf(
                Locale.ROOT,
                "- jvm: %s %s, max heap %d MiB; %d cores; load average %.2f at start%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        out.printf(
                Locale.ROOT,
                "- run: two networks of %d nodes in this JVM, UDP on 127.0.0.1, one without and one with persistence"
                        + " (SQLite, a state directory per node); %d s of puts with %d in flight on each first,"
                        + " not counted; then %d rounds of %d s on each, the order alternating%n",
                o.nodes(),
                o.warmupSeconds(),
                o.inflight(),
                o.rounds(),
                o.seconds());
        out.println("- columns: puts/s that succeeded; cpu us/put is the whole JVM's CPU time (JIT compiler, GC and"
                + " the stores' writers included) per put started; load is the load average before the round");
        out.flush();
    }

    /** A network is up. */
    void started(boolean persist, Cluster.Settling s) {
        out.printf(
                Locale.ROOT,
                "- network %s persistence: %s in %.2f s (contacts per node: fewest %d, median %d)%n",
                persist ? "with" : "without",
                s.settled() ? "settled" : "NOT settled",
                s.seconds(),
                s.fewest(),
                s.median());
        out.flush();
    }

    /** A network's warm-up is over; prints the header of the rounds' table after the last one. */
    void warmedUp(String side, PhaseResult warm) {
        out.printf(
                Locale.ROOT,
                "- warm-up %s persistence: %d puts, %.0f/s, %d failed%n",
                side,
                warm.succeeded(),
                warm.perSecond(),
                warm.failures().total());
        out.flush();
    }

    /** One round: both networks' load phases. */
    void round(int round, boolean withoutFirst, PhaseResult without, PhaseResult with) {
        if (ratios.isEmpty()) {
            out.println();
            out.println(
                    "| round | order | load | puts/s without | puts/s with | with / without"
                            + " | cpu us/put without | cpu us/put with | p99 ms without | p99 ms with | failed without / with |");
            out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        }
        double ratio = with.perSecond() / without.perSecond();
        ratios.add(ratio);
        cpuRatios.add(with.cpuMicrosPerOp() / without.cpuMicrosPerOp());
        putsWithout += without.succeeded();
        putsWith += with.succeeded();
        secondsWithout += without.seconds();
        secondsWith += with.seconds();
        out.printf(
                Locale.ROOT,
                "| %d | %s | %.2f | %.0f | %.0f | %.3f | %.0f | %.0f | %.1f | %.1f | %d / %d |%n",
                round,
                withoutFirst ? "without, with" : "with, without",
                loadAverage(),
                without.perSecond(),
                with.perSecond(),
                ratio,
                without.cpuMicrosPerOp(),
                with.cpuMicrosPerOp(),
                without.latency().millisAt(99),
                with.latency().millisAt(99),
                without.failures().total(),
                with.failures().total());
        out.flush();
    }

    /** The median ratio over the rounds, their range, and the ratio of all puts over all seconds. */
    void summary() {
        out.println();
        out.printf(
                Locale.ROOT,
                "- with / without persistence, puts/s: median %.3f over %d rounds (%.3f to %.3f); all rounds pooled"
                        + " %.3f (%.0f against %.0f puts/s); CPU per put, median ratio %.3f; load average %.2f at the end%n",
                median(ratios),
                ratios.size(),
                ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                (putsWith / secondsWith) / (putsWithout / secondsWithout),
                putsWith / secondsWith,
                putsWithout / secondsWithout,
                median(cpuRatios),
                loadAverage());
        out.flush();
    }

    /** The median of {@code values}: the middle one, or the mean of the two middle ones. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
