package io.rdht.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes a simulation's report folder: {@code README.md} (the scenario, one table row per network
 * size, the goals met or missed, the operations' completion times and, after a mass crash, how they
 * changed around it), {@code results.csv}, and five PNG plots; or combines the sizes
 * of several report folders into one, with the table and the plots against network size.
 */
final class Report {

    private Report() {}

    /** Writes the folder {@code dir} (created if missing) for the results of {@code scenario}, smallest network first. */
    static void write(Path dir, Scenario scenario, String commandLine, List<SizeResult> results) throws IOException {
        write(dir, "Command: `" + commandLine + "`\n\n" + describe(scenario), results);
    }

    /**
     * Writes the folder {@code dir} with the sizes of the reports in {@code sources}, each row as
     * its own report measured it: the table, the CSV and the plots against network size.
     */
    static void combine(Path dir, List<Path> sources, String commandLine) throws IOException {
        List<SizeResult> results = new ArrayList<>();
        StringBuilder header = new StringBuilder("Command: `" + commandLine + "`\n\nThe sizes of these reports, each "
                + "row as its report measured it (its scenario is described there):\n\n");
        for (Path source : sources) {
            results.addAll(ResultsCsv.read(source.resolve("results.csv")));
            header.append("- [")
                    .append(source)
                    .append("](")
                    .append(dir.toAbsolutePath()
                            .normalize()
                            .relativize(source.toAbsolutePath().normalize())
                            .resolve("README.md"))
                    .append(")\n");
        }
        write(dir, header.toString(), results);
    }

    private static void write(Path dir, String header, List<SizeResult> unordered) throws IOException {
        List<SizeResult> results = unordered.stream()
                .sorted(Comparator.comparingInt(SizeResult::nodes))
                .toList();
        boolean overTime = results.stream().allMatch(r -> r.series() != null);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("README.md"), markdown(header, results, overTime));
        Files.writeString(dir.resolve("results.csv"), ResultsCsv.format(results));
        Charts.againstSize(
                dir.resolve("hops.png"),
                "Lookup hops against network size",
                "hops",
                results,
                List.of("p50", "p99"),
                List.of(SizeResult::hopsP50, SizeResult::hopsP99));
        Charts.againstSize(
                dir.resolve("latency.png"),
                "Lookup latency against network size",
                "ms (virtual)",
                results,
                List.of("p50", "p99"),
                List.of(SizeResult::latencyP50Millis, SizeResult::latencyP99Millis));
        if (overTime) {
            Charts.overTime(
                    dir.resolve("availability.png"),
                    "Values found by gets under churn (expected: all until " + "their TTL, none after)",
                    "% found",
                    results,
                    r -> r.series().valuesFound());
            Charts.overTime(
                    dir.resolve("delivery.png"),
                    "Listen events delivered, under churn",
                    "% delivered",
                    results,
                    r -> r.series().listenDelivered());
            Charts.durationsOverTime(
                    dir.resolve("completion.png"),
                    "Time until gets and puts complete, per minute " + "(by when they began)",
                    results);
        }
    }

    private static String markdown(String header, List<SizeResult> results, boolean overTime) {
        StringBuilder md = new StringBuilder();
        md.append("# Simulation report\n\n");
        md.append(header).append('\n');
        md.append("| nodes | lookups | found closest | hops p50 / p99 | lookup ms p50 / p99 | values found before TTL "
                + "| gone after TTL | listen delivered (events) | listen ms p50 / p99 | datagrams / node / s "
                + "| bytes / node / s | joins while measuring | heap / node | wall time |\n");
        md.append("|---:|---:|---:|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (SizeResult r : results) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %,d | %,d | %s | %d / %d | %d / %d | %s | %s | %s (%,d) | %d / %d "
                            + "| %.2f | %,.0f | %,d | %,d KiB | %s |\n",
                    r.nodes(),
                    r.lookups(),
                    percent(r.lookupSuccess()),
                    r.hopsP50(),
                    r.hopsP99(),
                    r.latencyP50Millis(),
                    r.latencyP99Millis(),
                    percent(r.valuesFound()),
                    percent(r.valuesGone()),
                    percent(r.listenDelivered()),
                    r.listenEvents(),
                    r.listenP50Millis(),
                    r.listenP99Millis(),
                    r.datagramsPerNodeSecond(),
                    r.bytesPerNodeSecond(),
                    r.joins(),
                    r.heapPerNodeKiB(),
                    wall(r.wallTime())));
        }
        md.append("\nGoals (issue 6): ≥ 99.9% of lookups find the closest live node, median ≤ 4 hops, every value "
                + "found until its TTL, ≥ 99.9% of listen events delivered.\n\n");
        for (SizeResult r : results) {
            md.append(String.format(
                    Locale.ROOT,
                    "- %,d nodes: lookups %s, hops %s, values %s, listen %s\n",
                    r.nodes(),
                    verdict(r.lookups() > 0, r.lookupSuccess() >= 0.999),
                    verdict(r.lookups() > 0, r.hopsP50() <= 4),
                    verdict(!Double.isNaN(r.valuesFound()), r.valuesFound() == 1),
                    verdict(r.listenEvents() > 0, r.listenDelivered() >= 0.999)));
        }
        md.append(CompletionTables.overall(results));
        if (overTime) {
            md.append(CompletionTables.aroundCrashes(results));
        }
        md.append("\n![hops](hops.png)\n![latency](latency.png)\n");
        if (overTime) {
            md.append("![availability](availability.png)\n![delivery](delivery.png)\n![completion](completion.png)\n");
        }
        return md.toString();
    }

    static String describe(Scenario s) {
        Workload w = s.workload();
        var routing = s.settings().routing();
        var lookup = s.settings().lookup();
        return String.format(
                Locale.ROOT,
                """
                - Churn: %s%s; a node that leaves crashes, and a new one joins in its place.
                - Mass crash: %s.
                - Network: one-way access delays %.0f–%.0f ms per node (round trips %.0f–%.0f ms), %.1f%% jitter, \
                %.1f%% of datagrams lost.
                - Phases: nodes join over %s, each through %s, the network settles for %s, then churn and the \
                workload run for %s (virtual time).
                - Workload: %.1f lookups/s of %s; %d values with a TTL of %s, each got once a minute %s; \
                %d %s × %d listeners, a put to each key every %s, %s to deliver.
                - Nodes: K %d, alpha %d, %d candidates per lookup, request timeout %d ms before a round trip \
                is known (adaptive %d–%d ms), %d sends per request, bucket refresh %s, republish %s.
                - Seed: %d.
                """,
                s.churn(),
                s.churn().isActive()
                        ? " (mean session " + Durations.approximate(s.churn().meanSession()) + ")"
                        : "",
                s.crash() != null ? s.crash() + ", not replaced" : "none",
                s.latency().minAccessMillis(),
                s.latency().maxAccessMillis(),
                4 * s.latency().minAccessMillis(),
                4 * s.latency().maxAccessMillis(),
                100 * s.latency().jitterFraction(),
                100 * s.lossRate(),
                Durations.format(s.joinPhase()),
                s.bootstraps() == 1 ? "a random running node" : s.bootstraps() + " random running nodes",
                Durations.format(s.settle()),
                Durations.format(s.measure()),
                w.lookupsPerSecond(),
                w.key() == null ? "random ids" : "one key, " + w.key().toHex() + ", as are the values and listens",
                w.values(),
                Durations.format(w.valueTtl()),
                w.oneReader() ? "by one node (another once it dies)" : "by a random node",
                w.listenKeys(),
                w.key() == null ? "keys" : "publishers of that key (a key each otherwise)",
                w.listenersPerKey(),
                Durations.format(w.publishInterval()),
                Durations.format(w.deliveryWindow()),
                lookup.k(),
                lookup.alpha(),
                lookup.capacity(),
                routing.initialTimeoutMillis(),
                routing.minTimeoutMillis(),
                routing.maxTimeoutMillis(),
                s.settings().maxAttempts(),
                Durations.format(Duration.ofMillis(routing.bucketRefreshMillis())),
                Durations.format(Duration.ofMillis(s.settings().republishMillis())),
                s.seed());
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** "not measured" when the run measured nothing of it (e.g. {@code --lookups 0}). */
    static String verdict(boolean measured, boolean met) {
        return !measured ? "not measured" : met ? "met" : "**missed**";
    }

    static String wall(Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }
}
