package io.rdht.http.proxy;

import io.rdht.core.InfoHash;

/**
 * A key as a person types it, on the command line or in a gateway's path: 40 hexadecimal digits
 * are the key itself, anything else is a name and the key is its hash ({@link InfoHash#of}), as in
 * OpenDHT's {@code dhtnode} and proxy.
 *
 * <p>A name made only of 32 to 48 hex digits, but not 40, is refused: it is almost surely an id
 * copied with a digit too many or too few, and hashing it would silently look up another key.
 */
public final class KeyText {

    /** The longest key name accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 1024;

    private static final int MIN_ID_LIKE = 32;
    private static final int MAX_ID_LIKE = 48;

    private KeyText() {}

    /**
     * The key {@code text} stands for.
     *
     * @throws IllegalArgumentException naming the problem: empty, too long, a control character, or
     *                                  an id with the wrong number of digits
     */
    public static InfoHash parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the key is empty (give a name or 40 hex digits)");
        }
        boolean hex = isAsciiHex(text);
        if (hex && text.length() == InfoHash.BYTES * 2) {
            return InfoHash.fromHex(text);
        }
        if (hex && text.length() >= MIN_ID_LIKE && text.length() <= MAX_ID_LIKE) {
            throw new IllegalArgumentException("key '" + text + "' looks like an id but has " + text.length()
                    + " hex digits; an id has " + (InfoHash.BYTES * 2));
        }
        if (text.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "the key name is " + text.length() + " characters long; at most " + MAX_NAME_LENGTH);
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the key name contains a control character");
        }
        return InfoHash.of(text);
    }

    // InfoHash.isHex also takes non-ASCII digits (Character.digit does), which fromHex refuses.
    private static boolean isAsciiHex(String text) {
        return text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }
}
