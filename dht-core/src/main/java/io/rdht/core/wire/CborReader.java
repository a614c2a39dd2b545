package io.rdht.core.wire;

import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * Strict, typed reads of one CBOR message (RFC 8949) straight from its bytes: each read names the
 * item it expects and refuses anything else with a {@link MalformedMessageException}.
 *
 * <p>Only the items the protocol uses are read: unsigned and negative integers, byte and text
 * strings and arrays of a definite length, {@code true}, {@code false} and {@code null}. Tags,
 * indefinite lengths, floats and other simple values are refused where they stand. Every length and
 * count is checked against its limit and against the bytes left before anything is allocated for
 * it; arrays are counted, so that an array holding fewer or more items than its reader expects is
 * refused too.
 *
 * <p>Implementation note: this reader replaced Jackson's CBOR parser, which was too lenient for
 * datagrams from strangers (it unwrapped tagged big numbers, allocating a byte string's declared
 * length before it knew the input held that much, and read simple values as integers) and, set up
 * for each message, about a third of a loaded node's decoding time.
 */
final class CborReader {
    private static final int MAJOR_UINT = 0;
    private static final int MAJOR_NEGATIVE = 1;
    private static final int MAJOR_BYTES = 2;
    private static final int MAJOR_TEXT = 3;
    private static final int MAJOR_ARRAY = 4;
    private static final int MAJOR_TAG = 6;
    private static final int FALSE = 0xf4;
    private static final int TRUE = 0xf5;
    private static final int NULL = 0xf6;
    /** Most UTF-8 bytes one UTF-16 char takes (a 4-byte sequence is two chars). */
    private static final int MAX_UTF8_BYTES_PER_CHAR = 3;

    private final byte[] input;
    /** Offset of the next byte to read. */
    private int position;
    /** Items not yet read of each array open, outermost first. */
    private final long[] itemsLeft = new long[WireLimits.MAX_NESTING];

    private int depth;

    /** A reader of the message {@code input}, from its first byte. */
    CborReader(byte[] input) {
        this.input = input;
    }

    /** Reads the start of a definite-length array of exactly {@code length} items. */
    void startArray(int length, String what) throws MalformedMessageException {
        int actual = startArray(what);
        if (actual != length) {
            throw malformed(what + " has " + actual + " items, expected " + length);
        }
    }

    /** Reads the start of a definite-length array and returns its length. */
    int startArray(String what) throws MalformedMessageException {
        long length = argument(item(MAJOR_ARRAY, what), what);
        // Every item takes at least one byte: a longer array cannot be in the input.
        if (Long.compareUnsigned(length, input.length - position) > 0) {
            throw malformed(what + " declares " + Long.toUnsignedString(length) + " items, more than the bytes left");
        }
        if (depth == itemsLeft.length) {
            throw malformed(what + " is nested deeper than " + itemsLeft.length + " arrays");
        }
        itemsLeft[depth++] = length;
        return (int) length;
    }

    /** Reads the start of a list of at most {@code max} items and returns its length. */
    int startList(int max, String what) throws MalformedMessageException {
        int length = startArray(what);
        if (length > max) {
            throw malformed(what + " has " + length + " items, more than " + max);
        }
        return length;
    }

    /** Reads the end of the current array. */
    void endArray(String what) throws MalformedMessageException {
        if (depth == 0 || itemsLeft[depth - 1] != 0) {
            throw malformed(what + " has more items than expected");
        }
        depth--;
    }

    /** Reads an unsigned 64-bit integer into the bits of a long (2^64 - 1 becomes -1). */
    long uint64(String what) throws MalformedMessageException {
        return argument(item(MAJOR_UINT, what), what);
    }

    /** Reads an unsigned integer of at most {@code max}. */
    long uint(long max, String what) throws MalformedMessageException {
        long value = uint64(what);
        if (Long.compareUnsigned(value, max) > 0) {
            throw malformed(what + " " + Long.toUnsignedString(value) + " exceeds " + max);
        }
        return value;
    }

    /** Reads a signed integer that fits in 64 bits. */
    long int64(String what) throws MalformedMessageException {
        int head = next(what);
        int major = head >>> 5;
        if (major != MAJOR_UINT && major != MAJOR_NEGATIVE) {
            throw malformed(what + " has the wrong type");
        }
        long argument = argument(head, what);
        if (argument < 0) {
            throw malformed(what + " outside the signed 64-bit range");
        }
        return major == MAJOR_UINT ? argument : -1 - argument;
    }

    /** Reads true or false. */
    boolean bool(String what) throws MalformedMessageException {
        int head = next(what);
        position++;
        if (head == TRUE || head == FALSE) {
            return head == TRUE;
        }
        throw malformed(what + " is not a boolean");
    }

    /** Reads a byte string of {@code min} to {@code max} bytes. */
    byte[] bytes(int min, int max, String what) throws MalformedMessageException {
        return content(item(MAJOR_BYTES, what), min, max, what);
    }

    /** Reads a byte string of exactly {@code length} bytes, or null. */
    byte[] nullableBytes(int length, String what) throws MalformedMessageException {
        int head = next(what);
        if (head == NULL) {
            position++;
            return null;
        }
        expect(head, MAJOR_BYTES, what);
        return content(head, length, length, what);
    }

    /** Reads a well-formed UTF-8 text string of at most {@code maxChars} UTF-16 chars. */
    String text(int maxChars, String what) throws MalformedMessageException {
        byte[] utf8 = content(item(MAJOR_TEXT, what), 0, (long) maxChars * MAX_UTF8_BYTES_PER_CHAR, what);
        String text = wellFormed(utf8, what);
        if (text.length() > maxChars) {
            throw malformed(what + " longer than " + maxChars + " characters");
        }
        return text;
    }

    /** Checks that the top-level item ended exactly at the end of the input. */
    void end() throws MalformedMessageException {
        if (position != input.length) {
            throw malformed((input.length - position) + " bytes after the message");
        }
    }

    /** The head of the next item, which must be of {@code major} type. */
    private int item(int major, String what) throws MalformedMessageException {
        int head = next(what);
        expect(head, major, what);
        return head;
    }

    /**
     * The head of the next item, counted in its array; refuses a missing item and a tag, and leaves
     * the position at the head.
     */
    private int next(String what) throws MalformedMessageException {
        if (position >= input.length) {
            throw malformed("truncated before " + what);
        }
        if (depth > 0) {
            if (itemsLeft[depth - 1] == 0) {
                throw malformed(what + " is missing: its array holds fewer items");
            }
            itemsLeft[depth - 1]--;
        }
        int head = input[position] & 0xff;
        if (head >>> 5 == MAJOR_TAG) {
            throw malformed(what + " is tagged; this protocol uses no tags");
        }
        return head;
    }

    private static void expect(int head, int major, String what) throws MalformedMessageException {
        if (head >>> 5 != major) {
            throw malformed(what + " has the wrong type");
        }
    }

    /**
     * The argument of the item whose head is at the position (its value, length or count, as an
     * unsigned 64-bit number in a long), moving the position past the head.
     */
    private long argument(int head, String what) throws MalformedMessageException {
        int info = head & 0x1f;
        if (info < 24) {
            position++;
            return info;
        }
        int size = switch (info) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            case 27 -> 8;
            default -> throw malformed(what + " has an indefinite or reserved length");
        };
        if (position + size >= input.length) {
            throw malformed("truncated in the head of " + what);
        }
        long value = 0;
        for (int i = 1; i <= size; i++) {
            value = value << 8 | (input[position + i] & 0xff);
        }
        position += 1 + size;
        return value;
    }

    /** The bytes of the string whose head is at the position, of {@code min} to {@code max} bytes. */
    private byte[] content(int head, long min, long max, String what) throws MalformedMessageException {
        long length = argument(head, what);
        if (Long.compareUnsigned(length, min) < 0 || Long.compareUnsigned(length, max) > 0) {
            throw malformed(what + " of " + Long.toUnsignedString(length) + " bytes, expected "
                    + (min == max ? "" : min + " to ") + max);
        }
        if (length > input.length - position) {
            throw malformed(what + " of " + length + " bytes is truncated");
        }
        byte[] bytes = Arrays.copyOfRange(input, position, position + (int) length);
        position += (int) length;
        return bytes;
    }

    /** {@code utf8} decoded, if it is well-formed UTF-8 (no overlong forms, no encoded surrogates). */
    private static String wellFormed(byte[] utf8, String what) throws MalformedMessageException {
        try {
            return StrictUtf8.decode(utf8);
        } catch (CharacterCodingException e) {
            throw malformed(what + " is not well-formed UTF-8");
        }
    }

    private static MalformedMessageException malformed(String reason) {
        return new MalformedMessageException(reason);
    }
}
