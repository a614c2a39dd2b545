package io.rdht.sim;

import java.time.Duration;
import java.util.Locale;

/**
 * A mass crash, as when machines of a city die together: a share of the running nodes, chosen at
 * random, crash at one instant of the measurement and are not replaced, so the network shrinks
 * (churn, if any, goes on replacing the nodes it ends). Written {@code 40%@5m}: 40% of the nodes,
 * five minutes into measuring.
 *
 * @param share the share of running nodes that crash, in (0, 1)
 * @param after how long after measuring starts
 */
public record Crash(double share, Duration after) {

    /** Checks the figures. */
    public Crash {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("the share of nodes that crash must be above 0% and below 100%, got "
                    + String.format(Locale.ROOT, "%.1f%%", 100 * share));
        }
        if (after.isNegative()) {
            throw new IllegalArgumentException("a crash cannot come before measuring starts, got " + after);
        }
    }

    /** Parses {@code PERCENT%@DURATION}, e.g. {@code 40%@5m}. */
    public static Crash parse(String text) {
        String[] parts = text.trim().split("@");
        if (parts.length != 2 || !parts[0].endsWith("%")) {
            throw new IllegalArgumentException("--crash takes PERCENT%@TIME (e.g. 40%@5m), got '" + text + "'");
        }
        double percent;
        try {
            percent = Double.parseDouble(parts[0].substring(0, parts[0].length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--crash takes PERCENT%@TIME (e.g. 40%@5m), got '" + text + "'");
        }
        return new Crash(percent / 100, Durations.parse(parts[1]));
    }

    /** How many of {@code running} nodes crash: the share, rounded, at least one and never all. */
    public int victims(int running) {
        return (int) Math.max(1, Math.min(running - 1, Math.round(share * running)));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "%.0f%% of the nodes at once, %s into measuring", 100 * share, Durations.format(after));
    }
}
