package io.rdht.core.sign;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.crypto.Identity;
import java.time.Duration;
import java.time.Instant;

/** Signs values with an {@link Identity}, over their {@link SignedContent}. */
public final class ValueSigner {

    private ValueSigner() {}

    /**
     * {@code value} owned by {@code identity} and signed by it for {@code key}. The TTL and the
     * creation time are cut to whole milliseconds first, as they travel, so that the value
     * returned is exactly the one every verifier sees.
     *
     * @throws IllegalArgumentException if the value has no id or no creation time yet (the
     *     signature must cover the ones it will be stored with), or is not encodable (see
     *     {@link SignedContent#of})
     */
    public static Value sign(InfoHash key, Value value, Identity identity) {
        if (value.id() == Value.UNASSIGNED_ID || value.created().equals(Instant.EPOCH)) {
            throw new IllegalArgumentException("a value is signed after it has an id and a creation time");
        }
        Value unsigned = value.toBuilder()
                .ttl(Duration.ofMillis(value.ttl().toMillis()))
                .created(Instant.ofEpochMilli(value.created().toEpochMilli()))
                .owner(identity.publicKey().toBytes())
                .signature(null)
                .build();
        return unsigned.toBuilder()
                .signature(identity.sign(SignedContent.of(key, unsigned)))
                .build();
    }
}
