package io.rdht.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 160-bit identifier of a key or a node; distance between two is their XOR.
 *
 * <p>{@link #of(String)} is the SHA-1 of the name's UTF-8 bytes, the same as OpenDHT's
 * {@code InfoHash::get}, so both systems find the same key for the same name.
 */
public final class InfoHash implements Comparable<InfoHash> {

    /** Length of an id in bytes. */
    public static final int BYTES = 20;
    /** Length of an id in bits. */
    public static final int BITS = BYTES * 8;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private InfoHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The hash of a name: SHA-1 of its UTF-8 bytes. */
    public static InfoHash of(String name) {
        try {
            return new InfoHash(MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Parses 40 hexadecimal digits. */
    public static InfoHash fromHex(String hex) {
        if (hex.length() != BYTES * 2) {
            throw new IllegalArgumentException("an InfoHash has 40 hex digits, got " + hex.length() + ": " + hex);
        }
        return new InfoHash(HEX.parseHex(hex));
    }

    /** Wraps a copy of exactly {@value #BYTES} bytes. */
    public static InfoHash fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("an InfoHash has 20 bytes, got " + bytes.length);
        }
        return new InfoHash(bytes.clone());
    }

    /** A uniformly random id. */
    public static InfoHash random(RandomGenerator random) {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        return new InfoHash(b);
    }

    /** True if {@code text} is 40 hexadecimal digits, the form {@link #fromHex} takes. */
    public static boolean isHex(String text) {
        return text.length() == BYTES * 2 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** A copy of the 20 bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Byte {@code i} of the id, unsigned. */
    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    /** Bit {@code i} of the id, counted from the most significant bit. */
    public boolean bit(int i) {
        return (bytes[i >>> 3] & (0x80 >>> (i & 7))) != 0;
    }

    /** Number of leading bits this id shares with {@code other}; {@value #BITS} if equal. */
    public int commonPrefixLength(InfoHash other) {
        for (int i = 0; i < BYTES; i++) {
            int x = (bytes[i] ^ other.bytes[i]) & 0xff;
            if (x != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return BITS;
    }

    /** The XOR distance to {@code other}, as an id. */
    public InfoHash xor(InfoHash other) {
        byte[] d = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            d[i] = (byte) (bytes[i] ^ other.bytes[i]);
        }
        return new InfoHash(d);
    }

    /**
     * Compares the XOR distances of {@code a} and {@code b} to this id: negative if {@code a} is
     * closer, positive if {@code b} is, zero if they are the same id.
     */
    public int compareDistance(InfoHash a, InfoHash b) {
        for (int i = 0; i < BYTES; i++) {
            int da = (a.bytes[i] ^ bytes[i]) & 0xff;
            int db = (b.bytes[i] ^ bytes[i]) & 0xff;
            if (da != db) {
                return Integer.compare(da, db);
            }
        }
        return 0;
    }

    /** An id that shares the first {@code prefixBits} bits with this one and is random after them. */
    public InfoHash randomWithPrefix(int prefixBits, RandomGenerator random) {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        for (int i = 0; i < prefixBits; i++) {
            int mask = 0x80 >>> (i & 7);
            b[i >>> 3] = (byte) ((b[i >>> 3] & ~mask) | (bytes[i >>> 3] & mask));
        }
        return new InfoHash(b);
    }

    /** Lowercase hexadecimal, 40 digits. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    /** The first 8 hex digits, for logs and tables. */
    public String shortHex() {
        return toHex().substring(0, 8);
    }

    @Override
    public int compareTo(InfoHash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfoHash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
