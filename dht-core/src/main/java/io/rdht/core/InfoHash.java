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

    /**
     * The hash of a name: SHA-1 of its UTF-8 bytes.
     *
     * @param name any text
     * @return its hash
     */
    public static InfoHash of(String name) {
        try {
            return new InfoHash(MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * Parses 40 hexadecimal digits.
     *
     * @param hex 40 hexadecimal digits, either case
     * @return the id
     */
    public static InfoHash fromHex(String hex) {
        if (hex.length() != BYTES * 2) {
            throw new IllegalArgumentException("an InfoHash has 40 hex digits, got " + hex.length() + ": " + hex);
        }
        return new InfoHash(HEX.parseHex(hex));
    }

    /**
     * Wraps a copy of exactly {@value #BYTES} bytes.
     *
     * @param bytes {@value #BYTES} bytes
     * @return the id
     */
    public static InfoHash fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("an InfoHash has 20 bytes, got " + bytes.length);
        }
        return new InfoHash(bytes.clone());
    }

    /**
     * A uniformly random id.
     *
     * @param random the source of randomness
     * @return the id
     */
    public static InfoHash random(RandomGenerator random) {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        return new InfoHash(b);
    }

    /**
     * True if {@code text} is 40 hexadecimal digits, the form {@link #fromHex} takes.
     *
     * @param text any text
     * @return whether {@link #fromHex} takes it
     */
    public static boolean isHex(String text) {
        return text.length() == BYTES * 2 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** {@return A copy of the 20 bytes} */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /**
     * Byte {@code i} of the id, unsigned.
     *
     * @param i 0 to {@value #BYTES} - 1
     * @return the byte, 0 to 255
     */
    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    /**
     * Bit {@code i} of the id, counted from the most significant bit.
     *
     * @param i 0 to {@value #BITS} - 1
     * @return whether the bit is set
     */
    public boolean bit(int i) {
        return (bytes[i >>> 3] & (0x80 >>> (i & 7))) != 0;
    }

    /**
     * Number of leading bits this id shares with {@code other}; {@value #BITS} if equal.
     *
     * @param other the other id
     * @return 0 to {@value #BITS}
     */
    public int commonPrefixLength(InfoHash other) {
        for (int i = 0; i < BYTES; i++) {
            int x = (bytes[i] ^ other.bytes[i]) & 0xff;
            if (x != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return BITS;
    }

    /**
     * The XOR distance to {@code other}, as an id.
     *
     * @param other the other id
     * @return the distance
     */
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
     *
     * @param a one id
     * @param b another id
     * @return the comparison's sign
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

    /**
     * An id that shares the first {@code prefixBits} bits with this one and is random after them.
     *
     * @param prefixBits 0 to {@value #BITS}
     * @param random the source of randomness for the other bits
     * @return the id
     */
    public InfoHash randomWithPrefix(int prefixBits, RandomGenerator random) {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        for (int i = 0; i < prefixBits; i++) {
            int mask = 0x80 >>> (i & 7);
            b[i >>> 3] = (byte) ((b[i >>> 3] & ~mask) | (bytes[i >>> 3] & mask));
        }
        return new InfoHash(b);
    }

    /** {@return lowercase hexadecimal, 40 digits} */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    /** {@return the first 8 hex digits, for logs and tables} */
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
