package io.rdht.core.wire;

import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import java.util.List;
import java.util.Objects;

/**
 * The answer to {@link GetValues}: values stored under the key, the closest contacts the replier
 * knows, a write token, and whether more values remain than fitted in this reply.
 *
 * @param values  values the requester did not list as known
 * @param closest contacts closest to the key
 * @param token   a write token bound to the requester's address
 * @param more    true if the replier holds further values; ask again from after {@link #last()}
 */
public record ValuesFound(List<Value> values, List<NodeInfo> closest, Token token, boolean more) implements Reply {
    /** Bounds values and contacts and checks the token. */
    public ValuesFound {
        WireLimits.checkCount(values.size(), WireLimits.MAX_VALUES, "values");
        WireLimits.checkCount(closest.size(), WireLimits.MAX_CONTACTS, "contacts");
        values = List.copyOf(values);
        closest = List.copyOf(closest);
        Objects.requireNonNull(token, "token");
    }

    /**
     * Where the next page starts: the highest {@link ValueIdentity} among the values (of those with
     * a well-formed owner key), or {@code null} if there is none.
     */
    public ValueIdentity last() {
        ValueIdentity last = null;
        for (Value v : values) {
            byte[] owner = v.owner();
            if (owner == null || owner.length == WireLimits.PUBLIC_KEY_BYTES) {
                ValueIdentity identity = v.identity();
                last = last == null || identity.compareTo(last) > 0 ? identity : last;
            }
        }
        return last;
    }
}
