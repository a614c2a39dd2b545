package io.rdht.core.lookup;

import io.rdht.core.InfoHash;

/**
 * XOR distances as fractions of the id space, for comparing how closely nodes lie around a target
 * with how closely they lie around this node (see {@link LookupSettings#spreadLimit}).
 */
public final class Spread {

    private Spread() {}

    /**
     * The XOR distance of {@code a} and {@code b} as a fraction of the id space: 0 for the same id,
     * just under 1 for ids that differ in their first bit; exact to a double's precision however
     * close the ids are.
     */
    public static double between(InfoHash a, InfoHash b) {
        for (int i = 0; i < InfoHash.BYTES; i++) {
            if (a.byteAt(i) != b.byteAt(i)) {
                long bits = 0;
                for (int j = i; j < i + Long.BYTES; j++) {
                    int x = j < InfoHash.BYTES ? a.byteAt(j) ^ b.byteAt(j) : 0;
                    bits = (bits << 8) | x;
                }
                double unsigned = (bits >>> 1) * 2.0 + (bits & 1);
                return Math.scalb(unsigned, -Long.SIZE - Byte.SIZE * i);
            }
        }
        return 0;
    }
}
