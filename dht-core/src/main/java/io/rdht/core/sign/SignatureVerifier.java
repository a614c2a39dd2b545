package io.rdht.core.sign;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.crypto.PublicKey;
import io.rdht.crypto.RecipientKey;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the signature of a value under the key it is stored or found at: the check every storer
 * makes before it stores and every reader before it hands a value on.
 *
 * <p>Keeps the {@link PublicKey}s of the last {@value #CACHED_KEYS} owners it saw, each with its
 * Tink verifier, since making a verifier costs more than a verification. Not thread-safe: one
 * node thread owns an instance.
 */
public final class SignatureVerifier {

    /** How many owners' keys are kept, least recently used dropped first. */
    public static final int CACHED_KEYS = 1024;

    private final Map<ByteBuffer, PublicKey> keys = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, PublicKey> eldest) {
            return size() > CACHED_KEYS;
        }
    };

    /**
     * Why {@code value} is not validly signed for {@code key}, in words, or empty if it is, or if it
     * is unsigned (carries neither owner nor signature).
     *
     * <p>A signed value must carry a 32-byte owner key, a 64-byte signature, a recipient of 32
     * bytes if any, and a creation time (without one it would never expire, and could be replayed
     * forever); its signature must verify under the owner's key over {@link SignedContent#of}, by
     * strict RFC 8032 rules: an owner key of small order (such as the identity point, under which
     * one signature fits any content) or a non-canonical key, R or S is refused.
     */
    public Optional<String> problemWith(InfoHash key, Value value) {
        byte[] owner = value.owner();
        byte[] signature = value.signature();
        if (owner == null && signature == null) {
            return Optional.empty();
        }
        if (owner == null) {
            return Optional.of("bad signature: a signature without an owner key");
        }
        if (signature == null) {
            return Optional.of("bad signature: an owner key without a signature");
        }
        if (owner.length != PublicKey.LENGTH) {
            return Optional.of(lengthProblem("owner key", owner.length, PublicKey.LENGTH));
        }
        if (signature.length != PublicKey.SIGNATURE_LENGTH) {
            return Optional.of(lengthProblem("signature", signature.length, PublicKey.SIGNATURE_LENGTH));
        }
        byte[] recipient = value.recipient();
        if (recipient != null && recipient.length != RecipientKey.LENGTH) {
            return Optional.of(lengthProblem("recipient key", recipient.length, RecipientKey.LENGTH));
        }
        if (value.created().equals(Instant.EPOCH)) {
            return Optional.of("signed value without a creation time: it would never expire");
        }
        PublicKey ownerKey = keyOf(owner);
        Optional<String> weak = ownerKey.problem().or(() -> PublicKey.signatureProblem(signature));
        if (weak.isPresent()) {
            return Optional.of("bad signature: " + weak.get() + " (strict RFC 8032 verification)");
        }
        if (!ownerKey.verify(SignedContent.of(key, value), signature)) {
            return Optional.of("bad signature: does not verify under owner " + ownerKey.shortId() + " for key "
                    + key.shortHex() + " (forged, altered, signed by another key or for another key)");
        }
        return Optional.empty();
    }

    private PublicKey keyOf(byte[] owner) {
        return keys.computeIfAbsent(ByteBuffer.wrap(owner), b -> PublicKey.fromBytes(owner));
    }

    private static String lengthProblem(String what, int length, int expected) {
        return "bad signature: " + (length < expected ? "truncated " : "oversized ") + what + " of " + length
                + " bytes, expected " + expected;
    }
}
