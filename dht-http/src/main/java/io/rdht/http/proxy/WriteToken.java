package io.rdht.http.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The check of a write's {@code Authorization: Bearer TOKEN} header against the gateway's token,
 * in time that does not depend on where they differ.
 */
final class WriteToken {

    private static final String SCHEME = "bearer ";

    private WriteToken() {}

    /** Whether a request with {@code authorization} (null when absent) may write. */
    static boolean authorizes(GatewaySettings settings, String authorization) {
        if (settings.writeToken().isEmpty()) {
            return true;
        }
        if (authorization == null
                || authorization.length() < SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] given = authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
        byte[] expected = settings.writeToken().get().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }
}
