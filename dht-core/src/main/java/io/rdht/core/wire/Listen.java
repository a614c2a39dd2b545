package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import java.util.List;
import java.util.Objects;

/**
 * Asks a storer to push every change of a key's values to the requester until the listen
 * expires, and to send now what the requester lacks; answered by {@link ValuesFound}. Sent again
 * before it expires, it refreshes the listen and reconciles: the storer sends the values that are
 * missing from {@code known} or newer than listed there.
 *
 * @param key      the key listened to
 * @param token    the write token the storer handed this requester's address
 * @param listenId the requester's random id for this listen; pushes carry it
 * @param known    the versions the requester holds (at most {@link WireLimits#MAX_IDS})
 */
public record Listen(InfoHash key, Token token, long listenId, List<ValueVersion> known) implements Request {
    /** Checks key and token and bounds the known versions. */
    public Listen {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        WireLimits.checkCount(known.size(), WireLimits.MAX_IDS, "known versions");
        known = List.copyOf(known);
    }
}
