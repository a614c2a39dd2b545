package io.rdht.cli.config;

import java.time.Duration;

/** A duration as {@code DurationConverter} reads it: {@code 24h}, {@code 90s}, {@code 500ms}. */
public final class DurationText {

    private DurationText() {}

    /** The largest unit that writes {@code d} exactly. */
    public static String of(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
