package io.rdht.core.wire;

import io.rdht.core.ValueIdentity;
import java.util.Objects;

/**
 * Which version of a value a listener holds: its identity (id and owner), seq and creation time
 * (a value re-published unchanged has a later creation time and so a later expiry).
 *
 * @param identity      the value's id and owner
 * @param seq           the edit sequence number
 * @param createdMillis the creation time, epoch milliseconds
 */
public record ValueVersion(ValueIdentity identity, long seq, long createdMillis) {
    /** Checks the identity is present. */
    public ValueVersion {
        Objects.requireNonNull(identity, "identity");
    }
}
