package io.rdht.core.wire;

import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * Writes the few CBOR items the protocol uses (RFC 8949: unsigned and negative integers, byte
 * and text strings, arrays of a known length, {@code true}, {@code false}, {@code null}) into a
 * growing byte array, each in its shortest form. What Jackson's generator wrote for us before,
 * without the generator's set-up for every message (its context objects and buffers were a tenth
 * of a loaded node's CPU). Not thread-safe: one per message.
 */
final class CborWriter {
    private static final int UNSIGNED = 0;
    private static final int NEGATIVE = 1;
    private static final int BYTES = 2;
    private static final int TEXT = 3;
    private static final int ARRAY = 4;
    private static final int FALSE = 0xf4;
    private static final int TRUE = 0xf5;
    private static final int NULL = 0xf6;

    private byte[] buffer;
    private int length;

    /** A writer whose buffer starts at {@code initialBytes}. */
    CborWriter(int initialBytes) {
        buffer = new byte[initialBytes];
    }

    /** Opens an array of {@code items} items; its end needs no mark. */
    void startArray(int items) {
        head(ARRAY, items);
    }

    /** An integer: unsigned if not negative, else negative. */
    void number(long value) {
        if (value >= 0) {
            head(UNSIGNED, value);
        } else {
            head(NEGATIVE, -1 - value);
        }
    }

    /** {@code value} read as an unsigned 64-bit integer. */
    void unsigned(long value) {
        head(UNSIGNED, value);
    }

    /** A byte string. */
    void bytes(byte[] value) {
        head(BYTES, value.length);
        ensure(value.length);
        System.arraycopy(value, 0, buffer, length, value.length);
        length += value.length;
    }

    /**
     * A text string, in UTF-8.
     *
     * @throws IllegalArgumentException if {@code value} is not valid UTF-16 (a lone surrogate)
     */
    void text(String value) {
        if (isAscii(value)) {
            head(TEXT, value.length());
            ensure(value.length());
            for (int i = 0; i < value.length(); i++) {
                buffer[length++] = (byte) value.charAt(i);
            }
            return;
        }
        byte[] utf8 = utf8(value);
        head(TEXT, utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, length, utf8.length);
        length += utf8.length;
    }

    /** {@code true} or {@code false}. */
    void bool(boolean value) {
        put(value ? TRUE : FALSE);
    }

    /** {@code null}. */
    void nil() {
        put(NULL);
    }

    /** Bytes written so far. */
    int size() {
        return length;
    }

    /** A copy of what was written. */
    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    /** The head of an item of {@code major} type whose argument is {@code value}, unsigned. */
    private void head(int major, long value) {
        int type = major << 5;
        ensure(9);
        if (Long.compareUnsigned(value, 24) < 0) {
            buffer[length++] = (byte) (type | (int) value);
        } else if (Long.compareUnsigned(value, 0xffL) <= 0) {
            buffer[length++] = (byte) (type | 24);
            buffer[length++] = (byte) value;
        } else if (Long.compareUnsigned(value, 0xffffL) <= 0) {
            buffer[length++] = (byte) (type | 25);
            bigEndian(value, 2);
        } else if (Long.compareUnsigned(value, 0xffff_ffffL) <= 0) {
            buffer[length++] = (byte) (type | 26);
            bigEndian(value, 4);
        } else {
            buffer[length++] = (byte) (type | 27);
            bigEndian(value, 8);
        }
    }

    private void bigEndian(long value, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    private void put(int b) {
        ensure(1);
        buffer[length++] = (byte) b;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static byte[] utf8(String value) {
        try {
            return StrictUtf8.encode(value);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text is not valid UTF-16 (a lone surrogate?): " + e.getMessage(), e);
        }
    }
}
