package io.rdht.sim;

import java.util.List;
import java.util.Locale;

/**
 * The report's tables of how long operations took: one row per network size for the whole run,
 * and, where a mass crash struck, one row per window around it.
 */
final class CompletionTables {

    private static final String COLUMNS =
            "| gets | get: first value ms p50 / p95 / p99 | get: complete ms p50 / p95 / p99 "
                    + "| puts | put: complete ms p50 / p95 / p99 | storers p50 (min) | listens moved off a dead storer "
                    + "| death → moved ms p50 / p95 / p99 | refresh → moved ms p50 / p95 / p99 |";
    private static final String ALIGNMENT = "|---:|---|---|---:|---|---|---:|---|---|";

    private CompletionTables() {}

    /** One row per network size; empty when no size measured operation times. */
    static String overall(List<SizeResult> results) {
        if (results.stream().allMatch(r -> r.completion().getComplete().count() == 0)) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## How long operations take\n\n");
        md.append("""
                Virtual milliseconds from the call to the answer, as a caller of `DhtNode` sees them: a get's \
                first value (the one probed for) and the end of its stream, which a one-shot command waits for; \
                a put's result. A listen's refresh is seen through `DhtNode.listens()`: from the crash of a node \
                a listen is registered with to the listen no longer naming it, and the part of that after the \
                listen's periodic refresh began.

                """);
        md.append("| nodes ")
                .append(COLUMNS)
                .append('\n')
                .append("|---:")
                .append(ALIGNMENT)
                .append('\n');
        for (SizeResult r : results) {
            md.append(String.format(Locale.ROOT, "| %,d ", r.nodes()))
                    .append(row(r.completion()))
                    .append('\n');
        }
        return md.toString();
    }

    /** For each size that had a mass crash, its table of windows around it. */
    static String aroundCrashes(List<SizeResult> results) {
        StringBuilder md = new StringBuilder();
        for (SizeResult r : results) {
            OperationTimes times = r.series().times();
            List<OperationTimes.Window> windows = times.aroundCrash();
            if (windows.isEmpty()) {
                continue;
            }
            md.append(String.format(
                    Locale.ROOT,
                    "\n### %,d nodes: %,d crashed at once, %.1f minutes into "
                            + "measuring\n\nEach operation counted in the window in which it began. The routing tables "
                            + "of up to 20 random live nodes are read every 5 s: the share of their contacts whose node "
                            + "crashed (a table drops a contact after two requests in a row went unanswered), the share of "
                            + "those not yet suspected (no request to them unanswered yet), and the round-trip estimates they hold for them.\n\n",
                    r.nodes(),
                    times.crashedCount(),
                    times.crashMinute()));
            md.append("| window ")
                    .append(COLUMNS)
                    .append(" dead contacts in tables | of them unsuspected " + "| their RTT estimate ms p50 / p95 |\n")
                    .append("|---")
                    .append(ALIGNMENT)
                    .append("---:|---:|---|\n");
            for (OperationTimes.Window w : windows) {
                md.append("| ")
                        .append(w.name())
                        .append(' ')
                        .append(row(w.completion()))
                        .append(String.format(
                                Locale.ROOT,
                                " %s | %s | %s |\n",
                                percent(w.deadShare()),
                                percent(w.handedOut()),
                                w.deadRttMillis().count() == 0
                                        ? "–"
                                        : String.format(
                                                Locale.ROOT,
                                                "%,d / %,d",
                                                w.deadRttMillis().p50(),
                                                w.deadRttMillis().p95())));
            }
        }
        return md.toString();
    }

    private static String row(Completion c) {
        return String.format(
                Locale.ROOT,
                "| %,d | %s | %s | %,d | %s | %d (%d) | %,d | %s | %s |",
                c.getComplete().count(),
                three(c.getFirstValue()),
                three(c.getComplete()),
                c.putComplete().count(),
                three(c.putComplete()),
                c.storersP50(),
                c.storersMin(),
                c.listenMoved().count(),
                three(c.listenMoved()),
                three(c.refreshLookup()));
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String three(Percentiles p) {
        return p.count() == 0 ? "–" : String.format(Locale.ROOT, "%,d / %,d / %,d", p.p50(), p.p95(), p.p99());
    }
}
