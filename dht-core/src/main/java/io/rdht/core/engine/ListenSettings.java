package io.rdht.core.engine;

import io.rdht.core.listen.ListenLimits;
import java.util.Objects;

/**
 * How a node listens and serves listens.
 *
 * @param storers        how many of the nodes closest to a key a listener registers with (OpenDHT: 4)
 * @param refreshMillis  how often a listener refreshes its listens and looks for closer storers;
 *                       well below {@link ListenLimits#registrationMillis()}
 * @param limits         what this node accepts of other listeners
 * @param widening       when a listener widens its storers because they stay silent
 */
public record ListenSettings(int storers, long refreshMillis, ListenLimits limits, SilentKeyWidening widening) {
    /** Checks every setting. */
    public ListenSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(widening, "widening");
        if (storers < 1) {
            throw new IllegalArgumentException("listen storers must be ≥ 1, got " + storers);
        }
        if (refreshMillis < 1 || refreshMillis * 2 > limits.registrationMillis()) {
            throw new IllegalArgumentException(
                    "listen refresh must be positive and at most half the registration time ("
                            + limits.registrationMillis() + " ms), got " + refreshMillis);
        }
    }

    /** Settings with the default silent-key widening. */
    public ListenSettings(int storers, long refreshMillis, ListenLimits limits) {
        this(storers, refreshMillis, limits, SilentKeyWidening.defaults());
    }

    /** Four storers, refreshed every 40 s, default limits, default silent-key widening. */
    public static ListenSettings defaults() {
        return new ListenSettings(4, 40_000, ListenLimits.defaults());
    }

    /** A copy with other silent-key widening. */
    public ListenSettings withWidening(SilentKeyWidening w) {
        return new ListenSettings(storers, refreshMillis, limits, w);
    }
}
