package io.rdht.cli;

import java.util.regex.Pattern;

/**
 * Who may use a node's HTTP gateway, as written in {@code --http-token} and {@code --http-cors}:
 * the bearer token writes need, and the origins whose browser pages may call it.
 */
public final class HttpAccess {

    /** The shortest token accepted: shorter ones are guessed. */
    public static final int MIN_TOKEN_LENGTH = 16;
    /** The longest token accepted. */
    public static final int MAX_TOKEN_LENGTH = 256;

    // RFC 6750's b64token: what a bearer token may hold in an Authorization header
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final Pattern ORIGIN =
            Pattern.compile("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

    private HttpAccess() {}

    /**
     * Checks a write token.
     *
     * @throws IllegalArgumentException saying what is wrong (never quoting the token)
     */
    public static String checkToken(String token) {
        if (token.length() < MIN_TOKEN_LENGTH || token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("a token has " + MIN_TOKEN_LENGTH + " to " + MAX_TOKEN_LENGTH
                    + " characters, this one " + token.length());
        }
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("a token holds only letters, digits and - . _ ~ + / (then = signs)");
        }
        return token;
    }

    /**
     * Checks an allowed origin: {@code scheme://host[:port]} as a browser sends it, or {@code *}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String checkOrigin(String origin) {
        if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
            throw new IllegalArgumentException(
                    "an origin is http(s)://HOST[:PORT] with no path, or *, got '" + origin + "'");
        }
        return origin;
    }
}
