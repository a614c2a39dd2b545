package io.rdht.sim;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them: {@code 90s}, {@code 10m}, {@code 1h}, {@code 250ms}. */
public final class Durations {

    private Durations() {}

    /** Parses {@code 250ms}, {@code 90s}, {@code 10m}, {@code 1h} or {@code 2d}. */
    public static Duration parse(String text) {
        String t = text.trim();
        int unitAt = 0;
        while (unitAt < t.length() && (Character.isDigit(t.charAt(unitAt)) || t.charAt(unitAt) == '.')) {
            unitAt++;
        }
        if (unitAt == 0 || unitAt == t.length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write e.g. 250ms, 90s, 10m, 1h)");
        }
        double amount = Double.parseDouble(t.substring(0, unitAt));
        long unitMillis = switch (t.substring(unitAt)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> throw new IllegalArgumentException("unknown unit in '" + text + "' (use ms, s, m, h or d)");
        };
        return Duration.ofMillis(Math.round(amount * unitMillis));
    }

    /** Rounded to a tenth of the largest unit that fits, e.g. {@code 4.2h}, {@code 12.5m}. */
    public static String approximate(Duration d) {
        double ms = d.toMillis();
        if (ms >= 3_600_000) {
            return String.format(Locale.ROOT, "%.1fh", ms / 3_600_000);
        }
        if (ms >= 60_000) {
            return String.format(Locale.ROOT, "%.1fm", ms / 60_000);
        }
        return String.format(Locale.ROOT, "%.1fs", ms / 1_000);
    }

    /** The shortest of those forms that is exact, e.g. {@code 1h}, {@code 90s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
