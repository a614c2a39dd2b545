package io.rdht.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * What a benchmark put carries as its value's data: {@code "n t"}, the put's number and its
 * {@link System#nanoTime()}, read back from a line of JSON that holds the value ({@code
 * "data":"<base64>"}, the first such field of the line: a server-sent event's {@code data: }
 * prefix has no quotes, so it is not taken for it). Found by scanning the line's bytes, without a
 * JSON parser: what a client as thin as a C one would do.
 *
 * @param number the put's number
 * @param nanos  when it was sent, on the benchmark's {@link System#nanoTime()} clock
 */
record PutStamp(int number, long nanos) {

    private static final byte[] FIELD = "\"data\"".getBytes(StandardCharsets.US_ASCII);

    /** The data of a put that is counted, for the value at {@code n}. */
    static String of(int n, long nanos) {
        return n + " " + nanos;
    }

    /**
     * The stamp in {@code line[0..length)}, or null when the line holds no value's data or data
     * that is not {@code "n t"} (a warm-up put's, for instance).
     */
    static PutStamp in(byte[] line, int length) {
        int field = indexOf(line, length, FIELD);
        if (field < 0) {
            return null;
        }
        int at = skipSpaces(line, length, field + FIELD.length);
        if (at == length || line[at] != ':') {
            return null;
        }
        at = skipSpaces(line, length, at + 1);
        if (at == length || line[at] != '"') {
            return null;
        }
        int end = at + 1;
        while (end < length && line[end] != '"') {
            end++;
        }
        if (end == length) {
            return null;
        }
        String data;
        try {
            data = new String(
                    Base64.getDecoder().decode(Arrays.copyOfRange(line, at + 1, end)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int space = data.indexOf(' ');
        try {
            return new PutStamp(
                    Integer.parseInt(data, 0, space, 10), Long.parseLong(data, space + 1, data.length(), 10));
        } catch (NumberFormatException | IndexOutOfBoundsException notAStamp) {
            return null;
        }
    }

    private static int skipSpaces(byte[] line, int length, int at) {
        while (at < length && line[at] == ' ') {
            at++;
        }
        return at;
    }

    private static int indexOf(byte[] line, int length, byte[] word) {
        outer:
        for (int i = 0; i + word.length <= length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (line[i + j] != word[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
