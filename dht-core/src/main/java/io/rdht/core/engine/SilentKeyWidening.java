package io.rdht.core.engine;

/**
 * How a listener notices a silent key, and how far it widens: when the storers it registered with
 * have handed on nothing (no push, nothing new when the listen was refreshed) for
 * {@code silentRefreshes} refreshes in a row, its next refresh looks the key up with get requests
 * instead of find-node ones, so every node on the way says what it holds. Values newer than the
 * listener holds that the storers then still do not hand on (the refresh reconciles with them
 * first) are delivered, and the nodes that held them join the storers, at most
 * {@code maxExtraStorers} beyond {@link ListenSettings#storers}; they stay while they answer.
 *
 * <p>Threat-model note: this answers an eclipse of a key's closest nodes that accept listens and
 * stay silent, while honest nodes a little farther out (or found by another lookup path) hold the
 * values: the listener hears of them within {@code silentRefreshes} + 1 refresh periods. It does
 * not help when no honest node the lookup reaches holds the values.
 *
 * @param enabled         whether listens check at all (off: listens behave as without this defence)
 * @param silentRefreshes refreshes without news from the storers before a check; a check also
 *                        comes at most once in that many refreshes
 * @param maxExtraStorers most nodes a listen registers with beyond its usual storers
 */
public record SilentKeyWidening(boolean enabled, int silentRefreshes, int maxExtraStorers) {

    /** The most extra storers: each costs a listen refresh per period and its pushes. */
    public static final int MAX_EXTRA_STORERS = 16;

    /** Checks every setting. */
    public SilentKeyWidening {
        if (silentRefreshes < 1) {
            throw new IllegalArgumentException("silent refreshes before a check must be ≥ 1, got " + silentRefreshes);
        }
        if (maxExtraStorers < 0 || maxExtraStorers > MAX_EXTRA_STORERS) {
            throw new IllegalArgumentException(
                    "extra storers must be between 0 and " + MAX_EXTRA_STORERS + ", got " + maxExtraStorers);
        }
    }

    /** On; a check after 3 silent refreshes (2 minutes at the default refresh); at most 4 extra storers. */
    public static SilentKeyWidening defaults() {
        return new SilentKeyWidening(true, 3, 4);
    }

    /** A copy switched on or off. */
    public SilentKeyWidening enabled(boolean on) {
        return new SilentKeyWidening(on, silentRefreshes, maxExtraStorers);
    }
}
