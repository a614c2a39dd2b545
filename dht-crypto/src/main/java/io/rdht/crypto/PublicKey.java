package io.rdht.crypto;

import com.google.crypto.tink.PublicKeyVerify;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An Ed25519 public key: the 32 raw bytes of RFC 8032, compared by content.
 *
 * <p>Instances are immutable and safe to share between threads. The Tink verifier is made on the
 * first {@link #verify} and kept, so that repeated verifications under one key are cheap.
 *
 * <p>Verification is strict RFC 8032: a key that is a point of small order (such as the identity,
 * under which one signature verifies for any message) or a non-canonical encoding verifies
 * nothing, nor does a signature whose point R is such or whose scalar S is not below the group
 * order. These checks are made here, before Tink is asked.
 */
public final class PublicKey {

    /** The length of a raw Ed25519 public key in bytes. */
    public static final int LENGTH = 32;

    /** The length of an Ed25519 signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    private final byte[] raw;
    // Made lazily; a race makes two equal verifiers, which is harmless.
    private volatile PublicKeyVerify verifier;
    // Computed lazily, like the verifier; a race computes the same answer twice.
    private volatile Optional<String> problem;

    private PublicKey(byte[] raw) {
        this.raw = raw;
    }

    /**
     * The public key with these 32 raw bytes.
     *
     * <p>Any 32 bytes are accepted; bytes that are not a valid curve point, or a point of small
     * order, or a non-canonical encoding, make a key under which nothing verifies (see {@link
     * #problem}).
     *
     * @param raw the 32 bytes of an RFC 8032 public key
     * @return the key
     * @throws IllegalArgumentException if {@code raw} is not 32 bytes long
     */
    public static PublicKey fromBytes(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is " + LENGTH + " bytes, not " + raw.length);
        }
        return new PublicKey(raw.clone());
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
     * Whether {@code signature} is this key's RFC 8032 signature of {@code message}.
     *
     * <p>Returns false, and never throws, for a signature of the wrong length, a signature by
     * another key or of another message, a key that is not a valid curve point or has a {@link
     * #problem}, and a signature that is not strict RFC 8032 (R of small order or non-canonical, S
     * not below the group order).
     *
     * @param message the bytes signed
     * @param signature the signature to check
     * @return {@code true} if it verifies
     */
    public boolean verify(byte[] message, byte[] signature) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        if (signature.length != SIGNATURE_LENGTH
                || problem().isPresent()
                || StrictEd25519.signatureProblem(signature).isPresent()) {
            return false;
        }
        try {
            verifier().verify(signature, message);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Why nothing verifies under this key by the strict rules, in words (a point of small order, a
     * non-canonical encoding), or empty. A key that passes may still not be a curve point, which
     * only verification finds out.
     *
     * @return the problem, or empty
     */
    public Optional<String> problem() {
        Optional<String> current = problem;
        if (current == null) {
            current = StrictEd25519.keyProblem(raw);
            problem = current;
        }
        return current;
    }

    /**
     * Why {@code signature} can verify under no key by the strict rules (wrong length, R of small
     * order or non-canonical, S not below the group order), in words, or empty.
     *
     * @param signature the signature to check
     * @return the problem, or empty
     */
    public static Optional<String> signatureProblem(byte[] signature) {
        Objects.requireNonNull(signature, "signature");
        if (signature.length != SIGNATURE_LENGTH) {
            return Optional.of("a signature is " + SIGNATURE_LENGTH + " bytes, not " + signature.length);
        }
        return StrictEd25519.signatureProblem(signature);
    }

    /**
     * The first 8 bytes of the SHA-256 of the raw key, as 16 lowercase hex digits.
     *
     * @return 16 lowercase hex digits
     */
    public String shortId() {
        return Digests.shortId(raw);
    }

    /** Whether {@code other} is a PublicKey with the same raw bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PublicKey that && Arrays.equals(raw, that.raw);
    }

    /** A hash of the raw bytes, consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    /** The key's short id, as {@code PublicKey[0123456789abcdef]}. */
    @Override
    public String toString() {
        return "PublicKey[" + shortId() + "]";
    }

    private PublicKeyVerify verifier() throws GeneralSecurityException {
        PublicKeyVerify current = verifier;
        if (current == null) {
            current = TinkKeys.verifier(raw);
            verifier = current;
        }
        return current;
    }
}
