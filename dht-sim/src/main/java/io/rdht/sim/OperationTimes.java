package io.rdht.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What the probes measured of each operation's duration, stamped with when the operation began,
 * and what live nodes' routing tables held of crashed nodes, stamped with when they were read:
 * summed up for the run in a {@link Completion}, per minute for a plot, and, when a {@link Crash}
 * struck, per window around it ({@link #aroundCrash}).
 */
final class OperationTimes {

    /** Windows after a crash, in milliseconds from it: the first seconds, then wider. */
    private static final long[] AFTER_CRASH = {0, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000};

    final TimedSamples getFirstValue = new TimedSamples();
    final TimedSamples getComplete = new TimedSamples();
    final TimedSamples putComplete = new TimedSamples();
    final TimedSamples putStorers = new TimedSamples();
    final TimedSamples listenMoved = new TimedSamples();
    final TimedSamples refreshLookup = new TimedSamples();
    /** Per contact read in a live node's routing table: 1 when its node crashed, else 0. */
    final TimedSamples deadContacts = new TimedSamples();
    /** Per dead contact read: 1 while no request to it went unanswered yet (unsuspected), else 0. */
    final TimedSamples deadHandedOut = new TimedSamples();
    /** Per dead contact read with a round-trip estimate: the estimate, in milliseconds. */
    final TimedSamples deadRtt = new TimedSamples();

    private final long startMillis;
    private long crashAtMillis = -1;
    private int crashed;

    /** Times of a measurement that starts at {@code startMillis} (epoch). */
    OperationTimes(long startMillis) {
        this.startMillis = startMillis;
    }

    /** Notes that {@code count} nodes crashed at once at {@code atMillis}. */
    void crashed(long atMillis, int count) {
        this.crashAtMillis = atMillis;
        this.crashed = count;
    }

    /** Nodes that crashed at once, 0 without a crash. */
    int crashedCount() {
        return crashed;
    }

    /** The figures of the whole run. */
    Completion summary() {
        return summary(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private Completion summary(long from, long to) {
        return new Completion(
                getFirstValue.between(from, to),
                getComplete.between(from, to),
                putComplete.between(from, to),
                putStorers.between(from, to).p50(),
                putStorers.minimumBetween(from, to),
                listenMoved.between(from, to),
                refreshLookup.between(from, to));
    }

    /**
     * One row per window: all before the crash, then the first 10 s after it, 10–30 s, 30–60 s,
     * 1–2 min, 2–5 min, 5–10 min and the rest; each operation counted in the window it began in.
     * Empty without a crash.
     */
    List<Window> aroundCrash() {
        List<Window> rows = new ArrayList<>();
        if (crashAtMillis < 0) {
            return rows;
        }
        rows.add(window("before the crash", startMillis, crashAtMillis));
        long last = Math.max(getComplete.lastTime(), putComplete.lastTime());
        for (int i = 0; i < AFTER_CRASH.length && crashAtMillis + AFTER_CRASH[i] <= last; i++) {
            long from = crashAtMillis + AFTER_CRASH[i];
            boolean open = i == AFTER_CRASH.length - 1;
            long to = open ? Long.MAX_VALUE : crashAtMillis + AFTER_CRASH[i + 1];
            String name = open
                    ? "≥ " + offset(AFTER_CRASH[i]) + " after"
                    : offset(AFTER_CRASH[i]) + "–" + offset(AFTER_CRASH[i + 1]) + " after";
            rows.add(window(name, from, to));
        }
        return rows;
    }

    private Window window(String name, long from, long to) {
        return new Window(
                name,
                summary(from, to),
                deadContacts.meanBetween(from, to),
                deadHandedOut.meanBetween(from, to),
                deadRtt.between(from, to));
    }

    private static String offset(long millis) {
        return millis == 0 ? "0" : Durations.format(Duration.ofMillis(millis));
    }

    /**
     * Per minute of measuring that has measurements: the minute (from the start) and {@code
     * percentile} of the {@code samples} that began in it.
     */
    List<double[]> perMinute(TimedSamples samples, ToLongFunction<Percentiles> percentile) {
        List<double[]> points = new ArrayList<>();
        long last = samples.lastTime();
        for (long from = startMillis; from <= last; from += 60_000) {
            Percentiles p = samples.between(from, from + 60_000);
            if (p.count() > 0) {
                points.add(new double[] {(from - startMillis) / 60_000.0, percentile.applyAsLong(p)});
            }
        }
        return points;
    }

    /** Minutes from the start of measuring to the crash, or -1 without one. */
    double crashMinute() {
        return crashAtMillis < 0 ? -1 : (crashAtMillis - startMillis) / 60_000.0;
    }

    /**
     * One row of the crash table.
     *
     * @param name          which window, e.g. {@code 0–10s after}
     * @param completion    the operations that began in it
     * @param deadShare     share of the contacts read in live nodes' routing tables whose node had
     *                      crashed (NaN when no table was read)
     * @param handedOut     share of those dead contacts not yet suspected (no request to them unanswered)
     * @param deadRttMillis the round-trip estimates the tables held for dead contacts
     */
    record Window(String name, Completion completion, double deadShare, double handedOut, Percentiles deadRttMillis) {}
}
