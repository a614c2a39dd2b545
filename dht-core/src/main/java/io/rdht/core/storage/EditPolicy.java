package io.rdht.core.storage;

import io.rdht.core.Value;
import io.rdht.core.storage.StoreOutcome.Refused;
import io.rdht.core.wire.ErrorCode;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a value may replace another stored under the same id with other content.
 *
 * <p>A signed value can be replaced only by its owner (the same public key) with a higher seq; an
 * unsigned value only by an unsigned one with a higher seq. Seqs compare as signed 64-bit numbers.
 * Signatures are not checked here: the node verifies them before it stores.
 *
 * <p>Threat-model note: without this rule anyone could overwrite another's value by putting its id
 * under its key. Requiring the same owner key (whose signature the node verified) and a higher seq
 * also stops a replay of an older signed version from rolling an edit back.
 */
final class EditPolicy {

    private EditPolicy() {
    }

    /** Why {@code incoming} may not replace {@code stored}, or empty if it is a permitted edit. */
    static Optional<Refused> refusal(Value stored, Value incoming) {
        String id = Long.toUnsignedString(stored.id(), 16);
        if (stored.isSigned()) {
            if (!incoming.isSigned()) {
                return refuse("value id " + id + " is signed; an unsigned value cannot replace it");
            }
            if (!Arrays.equals(stored.owner(), incoming.owner())) {
                return refuse("value id " + id + " belongs to another owner; only its owner may edit it");
            }
            return seqRefusal(id, stored, incoming);
        }
        if (incoming.isSigned()) {
            return refuse("value id " + id + " is stored unsigned; a signed value cannot take its id");
        }
        if (incoming.seq() <= stored.seq()) {
            return refuse("value id " + id + " already stored with other content; an edit needs a seq above "
                    + stored.seq() + ", got " + incoming.seq());
        }
        return Optional.empty();
    }

    private static Optional<Refused> seqRefusal(String id, Value stored, Value incoming) {
        if (incoming.seq() == stored.seq()) {
            return refuse("value id " + id + " has seq " + stored.seq()
                    + " stored with other content; an edit needs a higher seq");
        }
        if (incoming.seq() < stored.seq()) {
            return refuse("value id " + id + ": seq " + incoming.seq() + " is lower than the stored seq "
                    + stored.seq() + "; an edit needs a higher seq");
        }
        return Optional.empty();
    }

    private static Optional<Refused> refuse(String reason) {
        return Optional.of(new Refused(ErrorCode.INVALID_VALUE, reason));
    }
}
