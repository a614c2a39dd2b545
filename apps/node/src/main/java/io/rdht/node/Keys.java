package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.core.InfoHash;

/**
 * Reads a key as the user types it: 40 hexadecimal digits are the key itself, anything else is a
 * name and the key is its hash ({@link InfoHash#of}), as in OpenDHT's {@code dhtnode}.
 *
 * <p>A name made only of 32 to 48 hex digits, but not 40, is refused: it is almost surely an id
 * copied with a digit too many or too few, and hashing it would silently look up another key.
 */
public final class Keys {

    private static final int MIN_ID_LIKE = 32;
    private static final int MAX_ID_LIKE = 48;
    private static final int MAX_NAME_LENGTH = 1024;

    private Keys() {
    }

    /**
     * The key {@code text} stands for.
     *
     * @throws UserError (exit 2) naming the problem: empty, too long, a control character, or an
     *                   id with the wrong number of digits
     */
    public static InfoHash parse(String text) {
        if (text.isEmpty()) {
            throw bad("the key is empty (give a name or 40 hex digits)");
        }
        boolean hex = isAsciiHex(text);
        if (hex && text.length() == InfoHash.BYTES * 2) {
            return InfoHash.fromHex(text);
        }
        if (hex && text.length() >= MIN_ID_LIKE && text.length() <= MAX_ID_LIKE) {
            throw bad("key '" + text + "' looks like an id but has " + text.length()
                    + " hex digits; an id has " + (InfoHash.BYTES * 2));
        }
        if (text.length() > MAX_NAME_LENGTH) {
            throw bad("the key name is " + text.length() + " characters long; at most " + MAX_NAME_LENGTH);
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw bad("the key name contains a control character");
        }
        return InfoHash.of(text);
    }

    // InfoHash.isHex also takes non-ASCII digits (Character.digit does), which fromHex refuses.
    private static boolean isAsciiHex(String text) {
        return text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }

    private static UserError bad(String message) {
        return new UserError(ExitCode.BAD_INPUT, message);
    }
}
