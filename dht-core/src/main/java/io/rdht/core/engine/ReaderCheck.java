package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.sign.SignatureVerifier;
import io.rdht.core.sign.ValueEncryption;
import io.rdht.crypto.CryptoException;
import io.rdht.crypto.Identity;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last check before a value reaches a caller, by get or listen: drops what is expired or
 * badly signed, marks signed values verified, and decrypts the values sent to this node's identity.
 * Every value dropped is counted.
 *
 * <p>Threat-model note: storers verify before they store, but a reader does not trust them; a
 * hostile or outdated storer may hand out anything. What is not signed is handed on as it is,
 * unverified: the caller sees that from {@link Value#verified()}. An unsigned value addressed to
 * this identity is not decrypted, since only a signature binds its sender to the ciphertext.
 */
final class ReaderCheck {

    private static final Logger log = LoggerFactory.getLogger(ReaderCheck.class);

    private final SignatureVerifier signatures;
    private final Identity identity;
    private final EngineEnvironment env;
    private final NodeStats stats;

    /**
     * @param signatures the node's verifier
     * @param identity   the node's identity, or {@code null} if it has none (nothing is decrypted)
     * @param env        the node's clock
     * @param stats      where dropped values are counted
     */
    ReaderCheck(SignatureVerifier signatures, Identity identity, EngineEnvironment env, NodeStats stats) {
        this.signatures = signatures;
        this.identity = identity;
        this.env = env;
        this.stats = stats;
    }

    /**
     * {@code received}, found under {@code key}, as the caller may see it; empty if it is dropped. A
     * value this node marked {@link Value#verified()} itself (one it stored under the key after
     * verifying it) is not verified again.
     */
    Optional<Value> check(InfoHash key, Value received) {
        if (expired(received, env.nowMillis())) {
            stats.expiredDiscarded();
            log.debug("dropped expired value {} under {}", received, key);
            return Optional.empty();
        }
        Optional<String> badSignature = received.verified() ? Optional.empty() : signatures.problemWith(key, received);
        if (badSignature.isPresent()) {
            stats.badSignatureDiscarded();
            log.debug("dropped value {} under {}: {}", received, key, badSignature.get());
            return Optional.empty();
        }
        if (!received.isSigned()) {
            return Optional.of(received);
        }
        Value verified = received.asVerified();
        if (identity == null || !identity.recipientKey().equals(verified.recipientKey())) {
            return Optional.of(verified);
        }
        try {
            return Optional.of(verified.asDecrypted(ValueEncryption.decrypt(key, verified, identity)));
        } catch (CryptoException.DecryptionFailed e) {
            stats.undecryptableDiscarded();
            log.debug("dropped value {} under {}: {}", received, key, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean expired(Value value, long nowMillis) {
        if (value.created().equals(Instant.EPOCH)) {
            return false;
        }
        long created = value.created().toEpochMilli();
        return created <= nowMillis && nowMillis - created >= value.ttl().toMillis();
    }
}
