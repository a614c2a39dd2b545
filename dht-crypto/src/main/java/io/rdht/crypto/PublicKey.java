package io.rdht.crypto;

import com.google.crypto.tink.PublicKeyVerify;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An Ed25519 public key: the 32 raw bytes of RFC 8032, compared by content.
 *
 * <p>Instances are immutable and safe to share between threads. The Tink verifier is made on the
 * first {@link #verify} and kept, so that repeated verifications under one key are cheap.
 */
public final class PublicKey {

  /** The length of a raw Ed25519 public key in bytes. */
  public static final int LENGTH = 32;

  /** The length of an Ed25519 signature in bytes. */
  public static final int SIGNATURE_LENGTH = 64;

  private final byte[] raw;
  // Made lazily; a race makes two equal verifiers, which is harmless.
  private volatile PublicKeyVerify verifier;

  private PublicKey(byte[] raw) {
    this.raw = raw;
  }

  /**
   * The public key with these 32 raw bytes.
   *
   * <p>Any 32 bytes are accepted; bytes that are not a valid curve point make a key under which
   * nothing verifies.
   *
   * @throws IllegalArgumentException if {@code raw} is not 32 bytes long
   */
  public static PublicKey fromBytes(byte[] raw) {
    Objects.requireNonNull(raw, "raw");
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is " + LENGTH + " bytes, not " + raw.length);
    }
    return new PublicKey(raw.clone());
  }

  /** A copy of the 32 raw bytes. */
  public byte[] toBytes() {
    return raw.clone();
  }

  /**
   * Whether {@code signature} is this key's RFC 8032 signature of {@code message}.
   *
   * <p>Returns false, and never throws, for a signature of the wrong length, a signature by
   * another key or of another message, and a key that is not a valid curve point.
   */
  public boolean verify(byte[] message, byte[] signature) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signature, "signature");
    if (signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      verifier().verify(signature, message);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The first 8 bytes of the SHA-256 of the raw key, as 16 lowercase hex digits. */
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
