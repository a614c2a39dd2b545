package io.rdht.core.wire;

import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict, typed reads of one CBOR message over Jackson's streaming parser: each read names the
 * item it expects and refuses anything else with a {@link MalformedMessageException}.
 *
 * <p>Implementation note: Jackson alone is too lenient and too trusting for datagrams from
 * strangers. It unwraps tagged big numbers inside {@code nextToken()}, allocating a byte string's
 * declared length (up to 250,000 bytes) before it knows the input holds that much; it reads CBOR
 * simple values as integers and {@code undefined} as null. So before each item this reader looks
 * at the item's first byte in the input itself: tags are refused before Jackson sees them, the
 * major type must be the expected one, and a string's declared length is checked against its
 * limit and against the bytes left before Jackson allocates anything.
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

    private final CBORParser parser;
    private final byte[] input;
    /** Offset of the first byte of the current item. */
    private int itemStart;

    CborReader(CBORParser parser, byte[] input) {
        this.parser = parser;
        this.input = input;
    }

    /** Reads the start of a definite-length array of exactly {@code length} items. */
    void startArray(int length, String what) throws IOException, MalformedMessageException {
        int actual = startArray(what);
        if (actual != length) {
            throw malformed(what + " has " + actual + " items, expected " + length);
        }
    }

    /** Reads the start of a definite-length array and returns its length. */
    int startArray(String what) throws IOException, MalformedMessageException {
        next(JsonToken.START_ARRAY, MAJOR_ARRAY, what);
        long length = declaredLength(what);
        // Every item takes at least one byte: a longer array cannot be in the input.
        if (length > remainingAfterHead()) {
            throw malformed(what + " declares " + length + " items, more than the bytes left");
        }
        return (int) length;
    }

    /** Reads the start of a list of at most {@code max} items and returns its length. */
    int startList(int max, String what) throws IOException, MalformedMessageException {
        int length = startArray(what);
        if (length > max) {
            throw malformed(what + " has " + length + " items, more than " + max);
        }
        return length;
    }

    /** Reads the end of the current array. */
    void endArray(String what) throws IOException, MalformedMessageException {
        if (parser.nextToken() != JsonToken.END_ARRAY) {
            throw malformed(what + " has more items than expected");
        }
    }

    /** Reads an unsigned 64-bit integer into the bits of a long (2^64 - 1 becomes -1). */
    long uint64(String what) throws IOException, MalformedMessageException {
        next(JsonToken.VALUE_NUMBER_INT, MAJOR_UINT, what);
        // Jackson reads an unsigned integer of 2^63 or more as a BigInteger; its low 64 bits are the value.
        return parser.getNumberType() == NumberType.BIG_INTEGER
                ? parser.getBigIntegerValue().longValue()
                : parser.getLongValue();
    }

    /** Reads an unsigned integer of at most {@code max}. */
    long uint(long max, String what) throws IOException, MalformedMessageException {
        next(JsonToken.VALUE_NUMBER_INT, MAJOR_UINT, what);
        long value = longValue(what);
        if (value > max) {
            throw malformed(what + " " + value + " exceeds " + max);
        }
        return value;
    }

    /** Reads a signed integer that fits in 64 bits. */
    long int64(String what) throws IOException, MalformedMessageException {
        JsonToken token = next(what);
        int major = head() >>> 5;
        if (token != JsonToken.VALUE_NUMBER_INT || major != MAJOR_UINT && major != MAJOR_NEGATIVE) {
            throw malformed(what + " has the wrong type");
        }
        return longValue(what);
    }

    /** Reads true or false. */
    boolean bool(String what) throws IOException, MalformedMessageException {
        JsonToken token = next(what);
        int head = head();
        if (head == TRUE && token == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (head == FALSE && token == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw malformed(what + " is not a boolean");
    }

    /** Reads a byte string of {@code min} to {@code max} bytes. */
    byte[] bytes(int min, int max, String what) throws IOException, MalformedMessageException {
        next(JsonToken.VALUE_EMBEDDED_OBJECT, MAJOR_BYTES, what);
        return checkedBytes(min, max, what);
    }

    /** Reads a byte string of exactly {@code length} bytes, or null. */
    byte[] nullableBytes(int length, String what) throws IOException, MalformedMessageException {
        JsonToken token = next(what);
        if (token == JsonToken.VALUE_NULL && head() == NULL) {
            return null;
        }
        expect(token, JsonToken.VALUE_EMBEDDED_OBJECT, MAJOR_BYTES, what);
        return checkedBytes(length, length, what);
    }

    /** Reads a well-formed UTF-8 text string of at most {@code maxChars} UTF-16 chars. */
    String text(int maxChars, String what) throws IOException, MalformedMessageException {
        next(JsonToken.VALUE_STRING, MAJOR_TEXT, what);
        int length = (int) checkStringLength(0, (long) maxChars * MAX_UTF8_BYTES_PER_CHAR, what);
        int start = itemStart + headSize();
        String text = parser.getText();
        // Jackson decodes some ill-formed UTF-8 (encoded surrogates, overlong forms) without
        // complaint; well-formed UTF-8 is exactly what re-encoding the decoded text gives back.
        byte[] canonical = text.getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(canonical, 0, canonical.length, input, start, start + length)) {
            throw malformed(what + " is not well-formed UTF-8");
        }
        if (text.length() > maxChars) {
            throw malformed(what + " longer than " + maxChars + " characters");
        }
        return text;
    }

    /** Checks that the top-level item ended exactly at the end of the input. */
    void end() throws MalformedMessageException {
        long consumed = parser.currentLocation().getByteOffset();
        if (consumed != input.length) {
            throw malformed((input.length - consumed) + " bytes after the message");
        }
    }

    private JsonToken next(JsonToken expected, int major, String what) throws IOException, MalformedMessageException {
        JsonToken token = next(what);
        expect(token, expected, major, what);
        return token;
    }

    private void expect(JsonToken token, JsonToken expected, int major, String what) throws MalformedMessageException {
        if (token != expected || head() >>> 5 != major) {
            throw malformed(what + " has the wrong type");
        }
    }

    /** Advances to the next item after refusing a tag there, which Jackson would act on. */
    private JsonToken next(String what) throws IOException, MalformedMessageException {
        itemStart = (int) parser.currentLocation().getByteOffset();
        if (itemStart >= input.length) {
            throw malformed("truncated before " + what);
        }
        if (head() >>> 5 == MAJOR_TAG) {
            throw malformed(what + " is tagged; this protocol uses no tags");
        }
        return parser.nextToken();
    }

    private byte[] checkedBytes(int min, int max, String what) throws IOException, MalformedMessageException {
        checkStringLength(min, max, what);
        return parser.getBinaryValue();
    }

    /** Checks the declared length of the current string against its bounds and returns it. */
    private long checkStringLength(long min, long max, String what) throws MalformedMessageException {
        long length = declaredLength(what);
        if (length < min || length > max) {
            throw malformed(what + " of " + length + " bytes, expected " + (min == max ? "" : min + " to ") + max);
        }
        if (length > remainingAfterHead()) {
            throw malformed(what + " of " + length + " bytes is truncated");
        }
        return length;
    }

    private long longValue(String what) throws IOException, MalformedMessageException {
        if (parser.getNumberType() == NumberType.BIG_INTEGER) {
            throw malformed(what + " outside the signed 64-bit range");
        }
        return parser.getLongValue();
    }

    private int head() {
        return input[itemStart] & 0xff;
    }

    /**
     * The length or count in the current item's head; an indefinite length is refused, and a
     * length of 2^63 or more reads as {@link Long#MAX_VALUE}.
     */
    private long declaredLength(String what) throws MalformedMessageException {
        int info = head() & 0x1f;
        if (info < 24) {
            return info;
        }
        int size = switch (info) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            case 27 -> 8;
            default -> throw malformed(what + " has an indefinite or reserved length");
        };
        if (itemStart + size >= input.length) {
            throw malformed("truncated in the head of " + what);
        }
        long length = 0;
        for (int i = 1; i <= size; i++) {
            length = length << 8 | (input[itemStart + i] & 0xff);
        }
        return length < 0 ? Long.MAX_VALUE : length;
    }

    private long remainingAfterHead() {
        return input.length - itemStart - headSize();
    }

    /** Bytes of the current item's head; call only after {@link #declaredLength} accepted it. */
    private int headSize() {
        int info = head() & 0x1f;
        return info < 24 ? 1 : 1 + (1 << (info - 24));
    }

    private static MalformedMessageException malformed(String reason) {
        return new MalformedMessageException(reason);
    }
}
