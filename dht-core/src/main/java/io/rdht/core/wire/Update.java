package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.util.List;
import java.util.Objects;

/**
 * A storer's push to a listener: values of the key that were just added, edited or re-published;
 * answered by {@link Ack}, and sent again until it is.
 *
 * @param key      the key listened to
 * @param listenId the listen's id, as the listener chose it
 * @param values   the values, at least one and at most {@link WireLimits#MAX_VALUES}
 */
public record Update(InfoHash key, long listenId, List<Value> values) implements Request {
    /** Checks the key and bounds the values. */
    public Update {
        Objects.requireNonNull(key, "key");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an update carries at least one value");
        }
        WireLimits.checkCount(values.size(), WireLimits.MAX_VALUES, "values");
        values = List.copyOf(values);
    }
}
