package io.rdht.core.wire;

import java.util.Arrays;

/**
 * One piece of an encoded message too large for one datagram. The receiver joins the pieces of
 * one {@code messageId} from one address, in {@code index} order, and decodes the result.
 *
 * @param messageId chosen at random by the sender for each split message
 * @param index     position of this piece, from 0
 * @param count     number of pieces, at most {@link WireLimits#MAX_FRAGMENTS}
 * @param chunk     the bytes of this piece
 */
public record Fragment(long messageId, int index, int count, byte[] chunk) implements Body {
    /** Checks index and count. */
    public Fragment {
        if (count < 2 || count > WireLimits.MAX_FRAGMENTS) {
            throw new IllegalArgumentException("fragment count " + count + " outside 2.." + WireLimits.MAX_FRAGMENTS);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("fragment index " + index + " outside 0.." + (count - 1));
        }
        if (chunk.length == 0 || chunk.length > WireLimits.DATAGRAM_PAYLOAD) {
            throw new IllegalArgumentException("fragment of " + chunk.length + " bytes");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fragment f
                && messageId == f.messageId
                && index == f.index
                && count == f.count
                && Arrays.equals(chunk, f.chunk);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(messageId) * 31 + index;
    }

    @Override
    public String toString() {
        return "Fragment[" + Long.toHexString(messageId) + " " + index + "/" + count + ", " + chunk.length + " bytes]";
    }
}
