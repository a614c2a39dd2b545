package io.rdht.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests: file checksums and the short ids of keys. */
final class Digests {

    private static final int SHORT_ID_BYTES = 8;

    private Digests() {}

    /** The SHA-256 of the first {@code length} bytes of {@code bytes}. */
    static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256; its absence is a broken runtime.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The first 8 bytes of the SHA-256 of {@code rawKey}, as 16 lowercase hex digits. */
    static String shortId(byte[] rawKey) {
        return HexFormat.of().formatHex(sha256(rawKey, rawKey.length), 0, SHORT_ID_BYTES);
    }
}
