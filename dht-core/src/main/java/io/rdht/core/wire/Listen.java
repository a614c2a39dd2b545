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
 * @param pushDelayMillis how long the storer holds a change before it pushes it (0: at once, at most
 *                 {@link WireLimits#MAX_PUSH_DELAY_MILLIS}); what it stores meanwhile goes in the
 *                 same push. A listener asks one storer for pushes at once and the others for
 *                 delayed ones: their copies, which it would drop, then leave after the first has
 *                 come, several changes in one push, and still bring a change if the first storer
 *                 is gone
 */
public record Listen(
        InfoHash key, Token token, long listenId, List<ValueVersion> known, ValueIdentity after, long pushDelayMillis)
        implements Request {
    /** Checks key and token and bounds the known versions and the delay. */
    public Listen {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        WireLimits.checkCount(known.size(), WireLimits.MAX_IDS, "known versions");
        if (pushDelayMillis < 0 || pushDelayMillis > WireLimits.MAX_PUSH_DELAY_MILLIS) {
            throw new IllegalArgumentException(
                    "push delay of " + pushDelayMillis + " ms, expected 0 to " + WireLimits.MAX_PUSH_DELAY_MILLIS);
        }
        known = List.copyOf(known);
    }

    /** A listen whose changes the storer pushes at once. */
    public Listen(InfoHash key, Token token, long listenId, List<ValueVersion> known, ValueIdentity after) {
        this(key, token, listenId, known, after, 0);
    }
}
