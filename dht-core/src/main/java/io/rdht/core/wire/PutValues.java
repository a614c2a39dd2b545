package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.util.List;
import java.util.Objects;

/**
 * Asks a node to store values under a key; answered by {@link Stored} or {@link ErrorReply}.
 *
 * @param key    the key
 * @param token  the write token the storer handed this requester's address
 * @param values the values, at least one and at most {@link WireLimits#MAX_VALUES}
 */
public record PutValues(InfoHash key, Token token, List<Value> values) implements Request {
    /** Checks that key, token and at least one value are present. */
    public PutValues {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a put carries at least one value");
        }
        WireLimits.checkCount(values.size(), WireLimits.MAX_VALUES, "values");
        values = List.copyOf(values);
    }
}
