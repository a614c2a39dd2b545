package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.sign.ValueEncryption;
import io.rdht.core.sign.ValueSigner;
import io.rdht.crypto.Identity;
import io.rdht.crypto.PublicKey;
import io.rdht.crypto.RecipientKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A put signed by this node's identity: a get of the key finds the latest seq this identity
 * published for the value id, then the next seq is encrypted (for a recipient), signed and put.
 * Values of other owners under the same id are other values (see {@link io.rdht.core.ValueIdentity})
 * and are ignored: they can neither stop the put nor raise its seq. Only a value handed in with
 * another owner's key fails, with {@link DhtException.NotOwner}, before anything is sent.
 *
 * <p>Implementation note: as in OpenDHT's {@code putSigned}, the seq comes from the network rather
 * than from local memory, so an owner that restarted, or publishes from two nodes, still edits
 * with a seq above its last one.
 */
final class SignedPut implements GetCallback {

    private final InfoHash key;
    private final Value value;
    private final Identity identity;
    private final RecipientKey recipient;
    private final Consumer<Value> put;
    private final PutCallback callback;
    private long latestSeq;
    private boolean published;

    /**
     * @param key       the key
     * @param value     the value, checked and stamped, without owner and signature
     * @param identity  who signs
     * @param recipient who the data is encrypted to, or {@code null} to leave it as it is
     * @param put       puts the signed value, telling {@code callback}
     * @param callback  told if the signed put fails before {@code put}
     */
    SignedPut(
            InfoHash key,
            Value value,
            Identity identity,
            RecipientKey recipient,
            Consumer<Value> put,
            PutCallback callback) {
        this.key = key;
        this.value = value;
        this.identity = identity;
        this.recipient = recipient;
        this.put = put;
        this.callback = callback;
    }

    /**
     * Why a signed put of {@code value} cannot start, or empty. {@code recipient} is null for a
     * plain signed put, which leaves the data as it is and so refuses a value with a recipient.
     */
    static Optional<DhtException> refusal(InfoHash key, Value value, Identity identity, RecipientKey recipient) {
        if (identity == null) {
            return Optional.of(new DhtException.NoIdentity());
        }
        byte[] owner = value.owner();
        boolean ownedByAnother =
                owner != null && !Arrays.equals(owner, identity.publicKey().toBytes());
        if (ownedByAnother && owner.length == PublicKey.LENGTH) {
            return Optional.of(new DhtException.NotOwner(key, value.id(), PublicKey.fromBytes(owner)));
        }
        if (recipient == null && value.recipient() != null) {
            return Optional.of(new DhtException.InvalidValue(
                    key,
                    "the value has a recipient: an encrypted value is "
                            + "put with putEncrypted, which encrypts the data itself"));
        }
        return ValueChecks.problemWith(unsigned(value)).map(p -> new DhtException.InvalidValue(key, p));
    }

    /** {@code value} without owner, signature and recipient: what is checked and stamped before signing. */
    static Value unsigned(Value value) {
        return value.toBuilder().owner(null).signature(null).recipient(null).build();
    }

    @Override
    public void onValue(Value found) {
        if (found.id() != value.id() || !found.isSigned() || !found.ownerKey().equals(identity.publicKey())) {
            return;
        }
        latestSeq = published ? Math.max(latestSeq, found.seq()) : found.seq();
        published = true;
    }

    @Override
    public void onComplete() {
        publish();
    }

    @Override
    public void onError(DhtException error) {
        callback.onError(error);
    }

    /**
     * Signs the next seq and puts it; called when the lookup ended, or at once for a value id just
     * chosen, which nobody can have published yet.
     */
    void publish() {
        if (published && latestSeq == Long.MAX_VALUE) {
            callback.onError(new DhtException.InvalidValue(
                    key,
                    "value id " + Long.toUnsignedString(value.id(), 16)
                            + " has reached the highest seq; it cannot be edited again"));
            return;
        }
        long seq = published ? Math.max(value.seq(), latestSeq + 1) : value.seq();
        Value next = value.toBuilder().seq(seq).build();
        if (recipient != null) {
            try {
                next = ValueEncryption.encrypt(key, next, recipient, identity.publicKey());
            } catch (IllegalArgumentException e) {
                callback.onError(new DhtException.InvalidValue(key, e.getMessage()));
                return;
            }
        }
        put.accept(ValueSigner.sign(key, next, identity));
    }
}
