package io.rdht.crypto;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.SignatureConfig2026;
import com.google.crypto.tink.util.Bytes;
import java.security.GeneralSecurityException;

/**
 * The two Tink key families this package uses, and the primitives made from them.
 *
 * <p>Signing keys are Ed25519 without Tink's 5-byte output prefix, so signatures are plain 64-byte
 * RFC 8032 signatures. Encryption keys are HPKE with X25519, HKDF-SHA256 and ChaCha20-Poly1305,
 * also without a prefix. Every call goes through the 2026 configurations rather than Tink's global
 * registry, and Tink runs them on Conscrypt where {@link CryptoEngine} could register it.
 */
final class TinkKeys {

    static final Configuration SIGNATURE_CONFIG = SignatureConfig2026.get();
    static final Configuration HYBRID_CONFIG = HybridConfig2026.get();
    static final Ed25519Parameters SIGNING = Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX);
    static final HpkeParameters ENCRYPTION = hpkeParameters();

    static {
        // before the first primitive: Tink looks for Conscrypt as it makes each one
        CryptoEngine.isNative();
    }

    private TinkKeys() {}

    /** A new keyset holding one fresh Ed25519 private key. */
    static KeysetHandle newSigningKeyset() {
        return generate(SIGNING, SIGNATURE_CONFIG);
    }

    /** A new keyset holding one fresh HPKE X25519 private key. */
    static KeysetHandle newEncryptionKeyset() {
        return generate(ENCRYPTION, HYBRID_CONFIG);
    }

    /** Whether {@code keyset} holds exactly one key, an Ed25519 private key of our parameters. */
    static boolean isSigningKeyset(KeysetHandle keyset) {
        return keyset.size() == 1
                && keyset.getPrimary().getKey() instanceof Ed25519PrivateKey key
                && key.getParameters().equals(SIGNING);
    }

    /** Whether {@code keyset} holds exactly one key, an HPKE private key of our parameters. */
    static boolean isEncryptionKeyset(KeysetHandle keyset) {
        return keyset.size() == 1
                && keyset.getPrimary().getKey() instanceof HpkePrivateKey key
                && key.getParameters().equals(ENCRYPTION);
    }

    /** The raw 32-byte Ed25519 public key of a keyset accepted by {@link #isSigningKeyset}. */
    static byte[] signingPublicKey(KeysetHandle keyset) {
        Ed25519PrivateKey key = (Ed25519PrivateKey) keyset.getPrimary().getKey();
        return key.getPublicKey().getPublicKeyBytes().toByteArray();
    }

    /** The raw 32-byte X25519 public key of a keyset accepted by {@link #isEncryptionKeyset}. */
    static byte[] encryptionPublicKey(KeysetHandle keyset) {
        HpkePrivateKey key = (HpkePrivateKey) keyset.getPrimary().getKey();
        return key.getPublicKey().getPublicKeyBytes().toByteArray();
    }

    /** The signing primitive of a keyset accepted by {@link #isSigningKeyset}. */
    static PublicKeySign signer(KeysetHandle keyset) {
        try {
            return keyset.getPrimitive(SIGNATURE_CONFIG, PublicKeySign.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot make an Ed25519 signer", e);
        }
    }

    /** The decryption primitive of a keyset accepted by {@link #isEncryptionKeyset}. */
    static HybridDecrypt decrypter(KeysetHandle keyset) {
        try {
            return keyset.getPrimitive(HYBRID_CONFIG, HybridDecrypt.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot make an HPKE decrypter", e);
        }
    }

    /** The verifying primitive for a raw 32-byte Ed25519 public key. */
    static PublicKeyVerify verifier(byte[] rawPublicKey) throws GeneralSecurityException {
        Ed25519PublicKey key = Ed25519PublicKey.create(Bytes.copyFrom(rawPublicKey));
        return singleKey(key).getPrimitive(SIGNATURE_CONFIG, PublicKeyVerify.class);
    }

    /** The encrypting primitive for a raw 32-byte X25519 public key. */
    static HybridEncrypt encrypter(byte[] rawPublicKey) throws GeneralSecurityException {
        HpkePublicKey key = HpkePublicKey.create(ENCRYPTION, Bytes.copyFrom(rawPublicKey), null);
        return singleKey(key).getPrimitive(HYBRID_CONFIG, HybridEncrypt.class);
    }

    private static KeysetHandle singleKey(Key key) throws GeneralSecurityException {
        return KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                .build();
    }

    private static KeysetHandle generate(Parameters parameters, Configuration configuration) {
        try {
            return KeysetHandle.generateNew(parameters, configuration);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot generate a key for " + parameters, e);
        }
    }

    private static HpkeParameters hpkeParameters() {
        try {
            return HpkeParameters.builder()
                    .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                    .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                    .setAeadId(HpkeParameters.AeadId.CHACHA20_POLY1305)
                    .setVariant(HpkeParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink rejects the HPKE parameters", e);
        }
    }
}
