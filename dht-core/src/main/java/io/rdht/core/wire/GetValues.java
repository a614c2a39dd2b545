package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import io.rdht.core.ValueIdentity;
import java.util.Objects;

/**
 * Asks for the values stored under a key, from the first or from after the last one the
 * requester received from this replier; answered by {@link ValuesFound}. Without a token from the
 * replier (the first request to a node), the reply is bounded to a small multiple of the
 * request's size (docs/SECURITY.md): it carries the closest contacts and a token, and as many
 * values as fit, with {@code more} set; asked again with that token, the replier sends the rest.
 *
 * <p>Implementation note: a storer sends a key's values in {@link ValueIdentity} order, so a page
 * that asks for the values after the last identity received never sees one twice and always moves
 * on: a get over a full key of N values takes about N / {@link WireLimits#MAX_VALUES} pages. The
 * list of known ids this replaced (at most 1,024 ids, so a full key was fetched again and again)
 * did not converge.
 *
 * @param key   the key
 * @param token a token the replier handed this requester's address earlier, or {@link Token#NONE}
 * @param after the identity of the last value received from this replier, or {@code null} for
 *              the first page
 */
public record GetValues(InfoHash key, Token token, ValueIdentity after) implements Request {
    /** Checks key and token. */
    public GetValues {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
    }

    /** The first page of {@code key}'s values, with no token yet. */
    public static GetValues firstPage(InfoHash key) {
        return new GetValues(key, Token.NONE, null);
    }
}
