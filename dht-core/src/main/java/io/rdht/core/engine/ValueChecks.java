package io.rdht.core.engine;

import io.rdht.core.Value;
import io.rdht.core.wire.WireLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The checks a value passes before a node sends it, and the stamps it gets (id, creation time). */
final class ValueChecks {

    private static final Duration LONGEST_TTL = Duration.ofMillis(Long.MAX_VALUE);
    private static final Instant LATEST_CREATION = Instant.ofEpochMilli(Long.MAX_VALUE);

    private ValueChecks() {}

    /** What is wrong with {@code value}, in words, or empty if it may be put. */
    static Optional<String> problemWith(Value value) {
        if (value.dataLength() > Value.MAX_DATA_BYTES) {
            return Optional.of(
                    "data of " + value.dataLength() + " bytes exceeds the limit of " + Value.MAX_DATA_BYTES + " bytes");
        }
        if (value.ttl().isNegative() || value.ttl().isZero()) {
            return Optional.of("TTL must be positive, got " + value.ttl());
        }
        if (value.contentType().length() > WireLimits.MAX_CONTENT_TYPE) {
            return Optional.of("content type longer than " + WireLimits.MAX_CONTENT_TYPE + " characters");
        }
        if (value.ttl().compareTo(LONGEST_TTL) > 0) {
            return Optional.of("TTL must fit in 64-bit milliseconds, got " + value.ttl());
        }
        if (value.created().isBefore(Instant.EPOCH) || value.created().isAfter(LATEST_CREATION)) {
            return Optional.of(
                    "creation time must be from 1970 on and fit in 64-bit milliseconds, got " + value.created());
        }
        if ((value.owner() == null) != (value.signature() == null)) {
            return Optional.of("a signature needs an owner and an owner needs a signature");
        }
        if (value.isSigned()
                && (value.id() == Value.UNASSIGNED_ID || value.created().equals(Instant.EPOCH))) {
            return Optional.of("a signed value needs the id and creation time it was signed with; "
                    + "putSigned chooses them before it signs");
        }
        if (value.recipient() != null && value.recipient().length != WireLimits.PUBLIC_KEY_BYTES) {
            return Optional.of(
                    "recipient key of " + value.recipient().length + " bytes, expected " + WireLimits.PUBLIC_KEY_BYTES);
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
