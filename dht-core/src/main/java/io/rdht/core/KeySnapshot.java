package io.rdht.core;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * An immutable picture of one key's live values at one moment, for a console's storage listing.
 *
 * @param key    the key
 * @param values its values in id order, each with the time it has left
 */
public record KeySnapshot(InfoHash key, List<StoredValue> values) {

    /** Checks the key is present and copies the values. */
    public KeySnapshot {
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
    }

    /**
     * One stored value as the snapshot saw it.
     *
     * @param value              the value
     * @param source             the address that stored this version
     * @param remainingTtlMillis milliseconds until it expires, always positive
     */
    public record StoredValue(Value value, InetAddress source, long remainingTtlMillis) {
        /** Checks value and source are present and the remaining time is positive. */
        public StoredValue {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
            if (remainingTtlMillis <= 0) {
                throw new IllegalArgumentException("a live value has time left, got " + remainingTtlMillis + " ms");
            }
        }
    }
}
