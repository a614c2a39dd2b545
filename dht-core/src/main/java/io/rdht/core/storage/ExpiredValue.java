package io.rdht.core.storage;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.util.Objects;

/**
 * A value {@link Storage#expire} removed because its time ran out.
 *
 * @param key   the key it was stored under
 * @param value the value removed
 */
public record ExpiredValue(InfoHash key, Value value) {
    /** Checks key and value are present. */
    public ExpiredValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
