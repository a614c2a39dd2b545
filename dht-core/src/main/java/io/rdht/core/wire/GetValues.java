package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import java.util.List;
import java.util.Objects;

/**
 * Asks for the values stored under a key, leaving out those the requester already has; answered
 * by {@link ValuesFound}. Without a token from the replier (the first request to a node), the
 * reply is bounded to a small multiple of the request's size (docs/SECURITY.md): it carries the
 * closest contacts and a token, and as many values as fit, with {@code more} set; asked again with
 * that token, the replier sends the rest.
 *
 * @param key      the key
 * @param token    a token the replier handed this requester's address earlier, or {@link Token#NONE}
 * @param knownIds ids of values the requester already holds (at most {@link WireLimits#MAX_IDS})
 */
public record GetValues(InfoHash key, Token token, List<Long> knownIds) implements Request {
    /** Checks key and token and bounds the known ids. */
    public GetValues {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        WireLimits.checkCount(knownIds.size(), WireLimits.MAX_IDS, "known ids");
        knownIds = List.copyOf(knownIds);
    }

    /** A first get of {@code key}, with no token yet. */
    public GetValues(InfoHash key, List<Long> knownIds) {
        this(key, Token.NONE, knownIds);
    }
}
