package io.rdht.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes an adversary report folder (issue 13): {@code README.md}, the scenario and one table row
 * per attack and set of defences, each defence a row beside the row without it, the goals met or
 * missed and the honest nodes' costs against the same attack without defences; and {@code
 * results.csv}, the columns of {@link ResultsCsv} after the attack's and the defences' names.
 */
final class AttackReport {

    /** Columns before those of {@link ResultsCsv#HEADER}. */
    static final String CSV_PREFIX = "attack,attackers,defences,";

    /** Columns after them. */
    static final String CSV_SUFFIX = ",attacker_answers,values_dropped";

    /** The goal for each of its measures. */
    static final double GOAL = 0.99;

    /** The most the defences may add to the honest network's costs. */
    static final double COST_BOUND = 0.2;

    private AttackReport() {}

    /** Writes the folder {@code dir} (created if missing). */
    static void write(Path dir, Scenario scenario, String commandLine, List<AttackRun> runs) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("README.md"), markdown(scenario, commandLine, runs));
        Files.writeString(dir.resolve("results.csv"), csv(runs));
    }

    static String csv(List<AttackRun> runs) {
        StringBuilder csv = new StringBuilder(CSV_PREFIX + ResultsCsv.HEADER + CSV_SUFFIX + "\n");
        for (AttackRun r : runs) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%d,%s,%s,%d,%d%n",
                    r.attack().replace(",", ""),
                    r.attackers(),
                    r.defences().label().replace(" ", ""),
                    ResultsCsv.row(r.result()),
                    r.stats().answered(),
                    r.stats().valuesDropped()));
        }
        return csv.toString();
    }

    private static String markdown(Scenario scenario, String commandLine, List<AttackRun> runs) {
        StringBuilder md = new StringBuilder("# Adversary report (issue 13)\n\n");
        md.append("Command: `").append(commandLine).append("`\n\n");
        md.append(Report.describe(scenario));
        md.append(describeAttack(scenario));
        md.append(describeDefences(runs));
        md.append("\n| attack | defences | honest nodes | attackers | lookups | reaching honest closest "
                + "| readings delivered (events) | values found by gets | lookup ms p50 / p99 "
                + "| datagrams / honest node / s | bytes / honest node / s | answered by attackers "
                + "| values dropped | wall time |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (AttackRun run : runs) {
            SizeResult r = run.result();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %,d | %,d | %,d | %s | %s (%,d) | %s | %s | %.2f | %,.0f | %,d | %,d | %s |\n",
                    run.attack(),
                    run.defences().label(),
                    r.nodes(),
                    run.attackers(),
                    r.lookups(),
                    Report.percent(r.lookupSuccess()),
                    Report.percent(r.listenDelivered()),
                    r.listenEvents(),
                    Report.percent(r.valuesFound()),
                    r.lookupSuccess() > 0
                            ? String.format(Locale.ROOT, "%,d / %,d", r.latencyP50Millis(), r.latencyP99Millis())
                            : "– / –",
                    r.datagramsPerNodeSecond(),
                    r.bytesPerNodeSecond(),
                    run.stats().answered(),
                    run.stats().valuesDropped(),
                    Report.wall(r.wallTime())));
        }
        md.append("\nGoals (issue 13): with 20 eclipse nodes next to the key, ≥ 99% of readings reach listeners "
                + "and gets; with 10% Sybil nodes spread at random, ≥ 99% of lookups succeed; the honest network's "
                + "costs (datagrams per node per second, lookup latency) within 20% of today's: those of the runs "
                + "without attackers (`--attack none`) count, since under attack the runs without defences end "
                + "their lookups early on attackers.\n\n");
        for (AttackRun run : runs) {
            md.append(verdicts(run, runs));
        }
        return md.toString();
    }

    private static String verdicts(AttackRun run, List<AttackRun> runs) {
        SizeResult r = run.result();
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "- %s, %,d honest nodes, defences %s: ",
                run.attack(),
                r.nodes(),
                run.defences().label()));
        if (run.kind() != null && run.kind().isEclipse()) {
            line.append("readings ")
                    .append(Report.verdict(r.listenEvents() > 0, r.listenDelivered() >= GOAL))
                    .append(", gets ")
                    .append(Report.verdict(!Double.isNaN(r.valuesFound()), r.valuesFound() >= GOAL));
        } else {
            line.append("lookups ").append(Report.verdict(r.lookups() > 0, r.lookupSuccess() >= GOAL));
        }
        AttackRun without = runs.stream()
                .filter(o -> o.sameAttackAs(run) && o.defences().on().isEmpty())
                .findFirst()
                .orElse(null);
        if (without != null && without != run && without.result().latencyP50Millis() > 0 && r.latencyP50Millis() > 0) {
            double datagrams = r.datagramsPerNodeSecond() / without.result().datagramsPerNodeSecond() - 1;
            double latency = (double) r.latencyP50Millis() / without.result().latencyP50Millis() - 1;
            line.append(String.format(
                    Locale.ROOT,
                    "; against no defence: datagrams %+.0f%%, lookup p50 %+.0f%% (cost %s)",
                    100 * datagrams,
                    100 * latency,
                    datagrams <= COST_BOUND && latency <= COST_BOUND ? "within 20%" : "**over 20%**"));
        }
        return line.append('\n').toString();
    }

    /** One line per defence that some run has on. */
    private static String describeDefences(List<AttackRun> runs) {
        StringBuilder md = new StringBuilder();
        for (Defence d : Defence.values()) {
            if (runs.stream().anyMatch(r -> r.defences().has(d))) {
                md.append("- Defence ")
                        .append(d.name)
                        .append(": ")
                        .append(d.description)
                        .append(".\n");
            }
        }
        return md.length() == 0 ? "- Defences: none, every one off (today's rdht).\n" : md.toString();
    }

    private static String describeAttack(Scenario s) {
        Attack a = s.attack();
        String who = a == null
                ? "- Attack: none (the honest network alone, for its costs).\n"
                : a.kind() == Attack.Kind.ECLIPSE
                        ? "- Attack: eclipse of `pollution_level`: attackers whose ids share their first "
                                + AttackerLayout.ECLIPSE_PREFIX_BITS
                                + " bits with the key (closer to it than any honest node), all from 203.0.113.0/24; "
                                + "the size counts them. Every lookup, value and listen of the workload is of that key.\n"
                        : a.kind() == Attack.Kind.ECLIPSE_GRIND
                                ? "- Attack: eclipse of `pollution_level` under id binding: from 203.0.113.0/24, up to 8 "
                                        + "nodes per address (one per port), whose ids fit the address (BEP 42: its "
                                        + "prefix of 21 bits for each of the 8 values of r) and have the key's bits after "
                                        + "it; the attackers are the closest to the key of the 2,032 such ids; the size "
                                        + "counts them. Every lookup, value and listen of the workload is of that key.\n"
                                : "- Attack: Sybils with random ids from random public IPv4 addresses (spread over many /24s), "
                                        + "a share of the network's size; the workload's keys are random.\n";
        return who
                + "- Attackers (if any) join at random instants of the join phase and stay; each is a real node "
                + "behind a responder that answers find_node and get with the attackers closest to the target only, "
                + "acknowledges every put as stored and drops it, and accepts listens it never serves (no value, "
                + "no push). Honest nodes have private addresses 10.a.b.c, one per /24.\n"
                + "- Measured on the honest nodes: *reaching honest closest*, the lookups whose result holds the "
                + "live honest node closest to the target; *readings delivered*, the listen events of the "
                + "workload's puts that reached their listeners within the delivery window; *values found*, the "
                + "gets before a value's TTL that found it; the honest nodes' datagrams and bytes per node per "
                + "second; lookup latency of the lookups that reached the closest.\n";
    }
}
