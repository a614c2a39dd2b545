package io.rdht.core.storage;

import io.rdht.core.Value;
import io.rdht.core.storage.StoreOutcome.Refused;
import java.util.Optional;

/**
 * Whether a value may replace another version of the same value (the same id and owner, see
 * {@link io.rdht.core.ValueIdentity}) with other content: only with a higher seq. Seqs compare as
 * signed 64-bit numbers. Signatures are not checked here: the node verifies them before it stores.
 *
 * <p>Threat-model note: values of another owner never meet this rule, since they are other
 * values, stored beside; so nobody but the owner (whose signature the node verified) can edit a
 * signed value. Requiring a higher seq also stops a replay of an older signed version from
 * rolling an edit back, and the same seq with other content from forking it.
 */
final class EditPolicy {

    private EditPolicy() {}

    /** Why {@code incoming} may not replace {@code stored}, a version of the same identity, or empty if it may. */
    static Optional<Refused> refusal(Value stored, Value incoming) {
        String id = Long.toUnsignedString(stored.id(), 16);
        if (incoming.seq() == stored.seq()) {
            return refuse("value id " + id + " has seq " + stored.seq()
                    + " stored with other content; an edit needs a higher seq");
        }
        if (incoming.seq() < stored.seq()) {
            return refuse("value id " + id + ": seq " + incoming.seq() + " is lower than the stored seq " + stored.seq()
                    + "; an edit needs a higher seq");
        }
        return Optional.empty();
    }

    private static Optional<Refused> refuse(String reason) {
        return Optional.of(new Refused(Refusal.INVALID_VALUE, reason));
    }
}
