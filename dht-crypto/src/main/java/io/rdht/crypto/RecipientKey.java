package io.rdht.crypto;

import com.google.crypto.tink.HybridEncrypt;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An X25519 public key that values can be encrypted to, with HPKE (RFC 9180): X25519,
 * HKDF-SHA256 and ChaCha20-Poly1305. Compared by content.
 *
 * <p>Only the {@link Identity} holding the matching private key can decrypt. Instances are
 * immutable and safe to share between threads; the Tink encrypter is made on the first {@link
 * #encrypt} and kept.
 */
public final class RecipientKey {

    /** The length of a raw X25519 public key in bytes. */
    public static final int LENGTH = 32;

    /** How many bytes longer a ciphertext is than its plaintext. */
    public static final int CIPHERTEXT_OVERHEAD = 48;

    private final byte[] raw;
    // Made lazily; a race makes two equal encrypters, which is harmless.
    private volatile HybridEncrypt encrypter;

    private RecipientKey(byte[] raw) {
        this.raw = raw;
    }

    /**
     * The recipient key with these 32 raw bytes.
     *
     * @param raw the 32 bytes of an X25519 public key
     * @return the key
     * @throws IllegalArgumentException if {@code raw} is not 32 bytes long
     */
    public static RecipientKey fromBytes(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("an X25519 recipient key is " + LENGTH + " bytes, not " + raw.length);
        }
        return new RecipientKey(raw.clone());
    }

    /**
     * A copy of the 32 raw bytes.
     *
     * @return 32 bytes
     */
    public byte[] toBytes() {
        return raw.clone();
    }

    /**
     * Encrypts {@code plaintext} to this key, binding it to {@code associatedData}.
     *
     * <p>The associated data is not in the ciphertext; decryption needs the same bytes again. It
     * becomes HPKE's {@code info}. Each call draws fresh randomness, so encrypting the same
     * plaintext twice gives different ciphertexts, each {@link #CIPHERTEXT_OVERHEAD} bytes longer
     * than the plaintext.
     *
     * @param plaintext the bytes to encrypt
     * @param associatedData bytes the ciphertext is bound to, not included in it
     * @return the ciphertext
     * @throws IllegalArgumentException if this key is one X25519 forbids, such as a low-order point
     */
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        try {
            return encrypter().encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot encrypt to recipient key " + shortId() + ": " + e.getMessage());
        }
    }

    /**
     * The first 8 bytes of the SHA-256 of the raw key, as 16 lowercase hex digits.
     *
     * @return 16 lowercase hex digits
     */
    public String shortId() {
        return Digests.shortId(raw);
    }

    /** Whether {@code other} is a RecipientKey with the same raw bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RecipientKey that && Arrays.equals(raw, that.raw);
    }

    /** A hash of the raw bytes, consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    /** The key's short id, as {@code RecipientKey[0123456789abcdef]}. */
    @Override
    public String toString() {
        return "RecipientKey[" + shortId() + "]";
    }

    private HybridEncrypt encrypter() throws GeneralSecurityException {
        HybridEncrypt current = encrypter;
        if (current == null) {
            current = TinkKeys.encrypter(raw);
            encrypter = current;
        }
        return current;
    }
}
