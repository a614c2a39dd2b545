package io.rdht.core.engine;

import io.rdht.core.listen.ListenLimits;
import io.rdht.core.wire.WireLimits;
import java.util.Objects;

/**
 * How a node listens and serves listens.
 *
 * @param storers        how many of the nodes closest to a key a listener registers with (OpenDHT: 4)
 * @param refreshMillis  how often a listener refreshes its listens and looks for closer storers;
 *                       well below {@link ListenLimits#registrationMillis()}
 * @param limits         what this node accepts of other listeners
 * @param widening       when a listener widens its storers because they stay silent
 * @param backupPushDelayMillis how long a listener asks all its storers but one to hold each change
 *                       before they push it (0: every storer pushes at once, as OpenDHT's do);
 *                       at most {@link WireLimits#MAX_PUSH_DELAY_MILLIS}. The one storer pushes at
 *                       once; the others' copies, which the listener drops, then leave after the
 *                       first has come instead of competing with it, carry the changes of the
 *                       delay in one push, and still bring a change that long after it if the one
 *                       storer is gone
 */
public record ListenSettings(
        int storers, long refreshMillis, ListenLimits limits, SilentKeyWidening widening, long backupPushDelayMillis) {
    /** Checks every setting. */
    public ListenSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(widening, "widening");
        if (backupPushDelayMillis < 0 || backupPushDelayMillis > WireLimits.MAX_PUSH_DELAY_MILLIS) {
            throw new IllegalArgumentException("listen backup push delay must be 0 to "
                    + WireLimits.MAX_PUSH_DELAY_MILLIS + " ms, got " + backupPushDelayMillis);
        }
        if (storers < 1) {
            throw new IllegalArgumentException("listen storers must be ≥ 1, got " + storers);
        }
        if (refreshMillis < 1 || refreshMillis * 2 > limits.registrationMillis()) {
            throw new IllegalArgumentException(
                    "listen refresh must be positive and at most half the registration time ("
                            + limits.registrationMillis() + " ms), got " + refreshMillis);
        }
    }

    /** Settings with the default backup push delay. */
    public ListenSettings(int storers, long refreshMillis, ListenLimits limits, SilentKeyWidening widening) {
        this(storers, refreshMillis, limits, widening, DEFAULT_BACKUP_PUSH_DELAY_MILLIS);
    }

    /** Settings with the default silent-key widening and backup push delay. */
    public ListenSettings(int storers, long refreshMillis, ListenLimits limits) {
        this(storers, refreshMillis, limits, SilentKeyWidening.defaults());
    }

    /** The default {@link #backupPushDelayMillis}: 1 s. */
    public static final long DEFAULT_BACKUP_PUSH_DELAY_MILLIS = 1_000;

    /** Four storers, refreshed every 40 s, default limits, default silent-key widening, backups 1 s late. */
    public static ListenSettings defaults() {
        return new ListenSettings(4, 40_000, ListenLimits.defaults());
    }

    /** A copy with other silent-key widening. */
    public ListenSettings withWidening(SilentKeyWidening w) {
        return new ListenSettings(storers, refreshMillis, limits, w, backupPushDelayMillis);
    }

    /** A copy with another {@link #backupPushDelayMillis}. */
    public ListenSettings withBackupPushDelay(long millis) {
        return new ListenSettings(storers, refreshMillis, limits, widening, millis);
    }
}
