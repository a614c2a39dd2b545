package io.rdht.core.engine;

import io.rdht.core.Value;
import io.rdht.core.wire.WireLimits;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The checks a value passes before a node sends it, and the stamps it gets (id, creation time). */
final class ValueChecks {

    private ValueChecks() {
    }

    /** What is wrong with {@code value}, in words, or empty if it may be put. */
    static Optional<String> problemWith(Value value) {
        if (value.dataLength() > Value.MAX_DATA_BYTES) {
            return Optional.of("data of " + value.dataLength() + " bytes exceeds the limit of "
                    + Value.MAX_DATA_BYTES + " bytes");
        }
        if (value.ttl().isNegative() || value.ttl().isZero()) {
            return Optional.of("TTL must be positive, got " + value.ttl());
        }
        if (value.contentType().length() > WireLimits.MAX_CONTENT_TYPE) {
            return Optional.of("content type longer than " + WireLimits.MAX_CONTENT_TYPE + " characters");
        }
        if (value.isSigned() != (value.owner() != null)) {
            return Optional.of("a signature needs an owner and an owner needs a signature");
        }
        return Optional.empty();
    }

    /** The value with a random id if it had none and the current time if it had no creation time. */
    static Value stamp(Value value, long nowMillis, RandomGenerator random) {
        Value.Builder b = value.toBuilder();
        if (value.id() == Value.UNASSIGNED_ID) {
            long id = random.nextLong();
            while (id == Value.UNASSIGNED_ID) {
                id = random.nextLong();
            }
            b.id(id);
        }
        if (value.created().equals(Instant.EPOCH)) {
            b.created(Instant.ofEpochMilli(nowMillis));
        }
        return b.build();
    }
}
