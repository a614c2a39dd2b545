package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import java.util.List;
import java.util.Objects;

/**
 * Asks for the values stored under a key, leaving out those the requester already has; answered
 * by {@link ValuesFound}.
 *
 * @param key      the key
 * @param knownIds ids of values the requester already holds (at most {@link WireLimits#MAX_IDS})
 */
public record GetValues(InfoHash key, List<Long> knownIds) implements Request {
    /** Checks the key and bounds the known ids. */
    public GetValues {
        Objects.requireNonNull(key, "key");
        WireLimits.checkCount(knownIds.size(), WireLimits.MAX_IDS, "known ids");
        knownIds = List.copyOf(knownIds);
    }
}
