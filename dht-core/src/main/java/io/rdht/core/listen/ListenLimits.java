package io.rdht.core.listen;

/**
 * What a storer accepts of listeners.
 *
 * @param maxPerKey            listens registered on one key
 * @param maxPerSource         listens registered by one source ({@link io.rdht.core.routing.Source}: an IP
 *                             address, an IPv6 /64, or a loopback socket), all keys together
 * @param maxTotal             listens registered on this node
 * @param registrationMillis   a listen not refreshed within this time is forgotten
 */
public record ListenLimits(int maxPerKey, int maxPerSource, int maxTotal, long registrationMillis) {
    /** Checks every limit. */
    public ListenLimits {
        if (maxPerKey < 1 || maxPerSource < 1 || maxTotal < 1) {
            throw new IllegalArgumentException("listen limits must be ≥ 1, got per key " + maxPerKey + ", per source "
                    + maxPerSource + ", total " + maxTotal);
        }
        if (registrationMillis < 1) {
            throw new IllegalArgumentException("registrationMillis must be positive, got " + registrationMillis);
        }
    }

    /** 1,024 per key, 256 per source address, 16,384 in all, forgotten after two minutes. */
    public static ListenLimits defaults() {
        return new ListenLimits(1024, 256, 16_384, 120_000);
    }
}
