package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.core.InfoHash;
import io.rdht.http.proxy.KeyText;

/**
 * Reads a key as the user types it ({@link KeyText}: 40 hexadecimal digits are the key itself,
 * anything else is a name and the key is its hash, as in OpenDHT's {@code dhtnode}). The HTTP
 * gateway reads keys in its paths by the same rules.
 */
public final class Keys {

    private Keys() {}

    /**
     * The key {@code text} stands for.
     *
     * @throws UserError (exit 2) naming the problem: empty, too long, a control character, or an
     *                   id with the wrong number of digits
     */
    public static InfoHash parse(String text) {
        try {
            return KeyText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, e.getMessage());
        }
    }
}
