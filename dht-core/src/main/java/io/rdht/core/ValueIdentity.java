package io.rdht.core;

import io.rdht.crypto.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a value is under its key: its id together with its owner's public key, or with no owner
 * for an unsigned value. Two values are versions of one value only if both agree; a higher seq
 * of the same identity is an edit.
 *
 * <p>Threat-model note: an id alone is 64 bits anyone may choose, so keying values by id let an
 * attacker sign a value under a victim's id and collide with it at storers and readers (take it
 * over at readers that saw the attacker's copy first, squat the id once the victim's value
 * expired). Keyed by (owner, id), another owner's value under the same id is simply another
 * value: it is stored and handed on beside the victim's, never instead of it. An unsigned value
 * with the id of a signed one is likewise a value of its own, shown unverified.
 *
 * <p>Identities are ordered by id (unsigned), then unsigned values before signed ones, then by
 * the owner's bytes (unsigned): the order storers page a key's values in.
 *
 * @param id    the value id
 * @param owner the owner's 32 raw key bytes, or {@code null} for an unsigned value
 */
public record ValueIdentity(long id, byte[] owner) implements Comparable<ValueIdentity> {

    /** Copies the owner and checks its length. */
    public ValueIdentity {
        if (owner != null) {
            if (owner.length != PublicKey.LENGTH) {
                throw new IllegalArgumentException(
                        "an owner key is " + PublicKey.LENGTH + " bytes, not " + owner.length);
            }
            owner = owner.clone();
        }
    }

    /**
     * The identity of an unsigned value with {@code id}.
     *
     * @param id the value's id
     * @return the identity
     */
    public static ValueIdentity unsigned(long id) {
        return new ValueIdentity(id, null);
    }

    /** {@return the owner's bytes (a copy), or {@code null} for an unsigned value} */
    @Override
    public byte[] owner() {
        return owner == null ? null : owner.clone();
    }

    /** {@return true for a signed value's identity} */
    public boolean isSigned() {
        return owner != null;
    }

    @Override
    public int compareTo(ValueIdentity o) {
        int byId = Long.compareUnsigned(id, o.id);
        if (byId != 0) {
            return byId;
        }
        if (owner == null || o.owner == null) {
            return Boolean.compare(owner != null, o.owner != null);
        }
        return Arrays.compareUnsigned(owner, o.owner);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueIdentity v && id == v.id && Arrays.equals(owner, v.owner);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + Arrays.hashCode(owner);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(id, 16)
                + (owner == null ? " (unsigned)" : " of " + HexFormat.of().formatHex(owner, 0, 8));
    }
}
