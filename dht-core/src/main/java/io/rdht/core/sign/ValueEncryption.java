package io.rdht.core.sign;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.crypto.CryptoException;
import io.rdht.crypto.Identity;
import io.rdht.crypto.PublicKey;
import io.rdht.crypto.RecipientKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encrypts a value's data to a recipient's key (Tink HPKE) before its owner signs it, and decrypts
 * it for the recipient.
 *
 * <p>The ciphertext is bound, as HPKE associated data, to the domain tag {@code
 * "rdht-encrypted-v1"}, the key's 20 bytes, the value id (8 bytes, big-endian) and the owner's 32
 * bytes. So a ciphertext copied under another key or id, or re-signed by someone who is not its
 * owner, no longer decrypts.
 *
 * <p>Implementation note: the owner is bound too because encrypt-then-sign alone would let anyone
 * strip the signature from a ciphertext and sign it as their own, passing off a message they cannot
 * read as theirs.
 */
public final class ValueEncryption {

    private static final byte[] TAG = "rdht-encrypted-v1".getBytes(StandardCharsets.US_ASCII);

    private ValueEncryption() {}

    /**
     * {@code value} with its data encrypted to {@code to}, its recipient set, and {@code owner} as
     * its owner, ready for the owner to sign.
     *
     * @throws IllegalArgumentException if {@code to} is a key X25519 forbids, or the value has no id
     */
    public static Value encrypt(InfoHash key, Value value, RecipientKey to, PublicKey owner) {
        if (value.id() == Value.UNASSIGNED_ID) {
            throw new IllegalArgumentException("a value is encrypted after it has an id");
        }
        byte[] ciphertext = to.encrypt(value.data(), associatedData(key, value.id(), owner.toBytes()));
        return value.toBuilder()
                .data(ciphertext)
                .recipient(to.toBytes())
                .owner(owner.toBytes())
                .signature(null)
                .build();
    }

    /**
     * The plaintext of a signed {@code value} encrypted to {@code identity}'s recipient key.
     *
     * @throws CryptoException.DecryptionFailed if it was encrypted to another key, altered, or
     *     moved to another key, id or owner
     * @throws IllegalArgumentException if the value is unsigned
     */
    public static byte[] decrypt(InfoHash key, Value value, Identity identity) {
        byte[] owner = value.owner();
        if (owner == null) {
            throw new IllegalArgumentException(
                    "only a signed value is decrypted: its owner is bound to the ciphertext");
        }
        return identity.decrypt(value.data(), associatedData(key, value.id(), owner));
    }

    private static byte[] associatedData(InfoHash key, long id, byte[] owner) {
        return ByteBuffer.allocate(TAG.length + InfoHash.BYTES + Long.BYTES + owner.length)
                .put(TAG)
                .put(key.toBytes())
                .putLong(id)
                .put(owner)
                .array();
    }
}
