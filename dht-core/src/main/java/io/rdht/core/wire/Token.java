package io.rdht.core.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A write token: proof that a requester received a reply at the address it claims, needed to
 * put or listen. Compared by content.
 */
public final class Token {
    /** The token a node sends when it has none to give (never accepted by a storer). */
    public static final Token NONE = new Token(new byte[0]);

    private final byte[] bytes;

    private Token(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of at most {@link WireLimits#MAX_TOKEN_BYTES} bytes. */
    public static Token of(byte[] bytes) {
        WireLimits.checkCount(bytes.length, WireLimits.MAX_TOKEN_BYTES, "token bytes");
        return new Token(bytes.clone());
    }

    /** A copy of the token's bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Number of bytes. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Token t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Token[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
