package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Ids placed at chosen XOR distances from a key, so that a test knows who is closest. */
final class Distances {

    private Distances() {}

    /** The id at XOR distance {@code distance} (in its last 8 bytes) from {@code key}. */
    static InfoHash at(InfoHash key, long distance) {
        byte[] d = ByteBuffer.allocate(InfoHash.BYTES)
                .putLong(InfoHash.BYTES - Long.BYTES, distance)
                .array();
        return key.xor(InfoHash.fromBytes(d));
    }

    /** An id as far from {@code key} as ids go: every bit flipped. */
    static InfoHash farFrom(InfoHash key) {
        byte[] ones = new byte[InfoHash.BYTES];
        Arrays.fill(ones, (byte) 0xff);
        return key.xor(InfoHash.fromBytes(ones));
    }
}
