package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import io.rdht.core.ValueIdentity;
import java.util.List;
import java.util.Objects;

/**
 * Asks a storer to push every change of a key's values to the requester until the listen
 * expires, and to send now what the requester lacks; answered by {@link ValuesFound}. Sent again
 * before it expires, it refreshes the listen and reconciles: the storer sends the values that are
 * missing from {@code known} or newer than listed there, in {@link ValueIdentity} order from
 * after {@code after} (a reply that did not hold them all is followed by a listen from after its
 * last value, as for {@link GetValues}).
 *
 * @param key      the key listened to
 * @param token    the write token the storer handed this requester's address
 * @param listenId the requester's random id for this listen; pushes carry it
 * @param known    the versions the requester holds (at most {@link WireLimits#MAX_IDS})
 * @param after    the identity of the last value of the previous page, or {@code null} from the first
 */
public record Listen(InfoHash key, Token token, long listenId, List<ValueVersion> known, ValueIdentity after)
        implements Request {
    /** Checks key and token and bounds the known versions. */
    public Listen {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        WireLimits.checkCount(known.size(), WireLimits.MAX_IDS, "known versions");
        known = List.copyOf(known);
    }
}
