package io.rdht.crypto;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.PublicKeySign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * The key material of a node or a sensor: an Ed25519 key pair to sign with and a separate X25519
 * key pair that others encrypt to (Tink derives neither from the other).
 *
 * <p>Instances are immutable and safe to share between threads. {@link #toString} shows only the
 * short id; the private keys leave an instance only through {@link #save}.
 *
 * <h2>Identity file format, version 1</h2>
 *
 * <p>All integers are big-endian and unsigned.
 *
 * <pre>
 * offset  length  field
 * 0       8       magic: 89 52 44 48 54 49 44 0A ("\x89RDHTID\n")
 * 8       2       version: 1
 * 10      2       S, the length of the signing keyset (at most 4096)
 * 12      S       signing keyset: one Ed25519 private key without output prefix
 * 12+S    2       E, the length of the encryption keyset (at most 4096)
 * 14+S    E       encryption keyset: one HPKE X25519/HKDF-SHA256/ChaCha20-Poly1305 private key
 *                 without output prefix
 * 14+S+E  32      SHA-256 of every byte before it
 * </pre>
 *
 * <p>Each keyset is Tink's binary keyset ({@code TinkProtoKeysetFormat}) with its secret key in
 * the clear: the file is protected only by its owner-only permissions. The first byte, not valid
 * as the start of UTF-8 text, keeps text files from passing as identity files. The file ends with
 * the checksum; any other length is truncation or corruption.
 */
public final class Identity {

    private final IdentityFileFormat.Keysets keysets;
    private final PublicKeySign signer;
    private final HybridDecrypt decrypter;
    private final PublicKey publicKey;
    private final RecipientKey recipientKey;

    private Identity(IdentityFileFormat.Keysets keysets) {
        this.keysets = keysets;
        this.signer = TinkKeys.signer(keysets.signing());
        this.decrypter = TinkKeys.decrypter(keysets.encryption());
        this.publicKey = PublicKey.fromBytes(TinkKeys.signingPublicKey(keysets.signing()));
        this.recipientKey = RecipientKey.fromBytes(TinkKeys.encryptionPublicKey(keysets.encryption()));
    }

    /**
     * A new identity with fresh keys from the platform's secure random source.
     *
     * @return the new identity
     */
    public static Identity generate() {
        return new Identity(
                new IdentityFileFormat.Keysets(TinkKeys.newSigningKeyset(), TinkKeys.newEncryptionKeyset()));
    }

    /**
     * The identity saved in {@code file}.
     *
     * @param file the identity file
     * @return the identity it holds
     * @throws IdentityFileException if the file is missing, unreadable, not an identity file, of an
     *     unsupported version, truncated, corrupt, or holds keys of the wrong types
     */
    public static Identity load(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] bytes = IdentityFiles.read(file, IdentityFileFormat.MAX_FILE_LENGTH);
        return new Identity(IdentityFileFormat.decode(file, bytes));
    }

    /**
     * The identity saved in {@code file}, or a new one saved there, with any missing parent
     * directories, if no file exists.
     *
     * <p>A file that exists but cannot be loaded is reported, never replaced. Two processes creating
     * the same file at once each get an identity, and the file keeps the one moved last.
     *
     * @param file the identity file, created if missing
     * @return the identity it holds, or the new one it now holds
     * @throws IdentityFileException if the file exists and cannot be loaded, or cannot be created
     */
    public static Identity loadOrCreate(Path file) {
        Objects.requireNonNull(file, "file");
        // notExists, not !exists: a file whose existence cannot be checked must not be overwritten.
        if (!Files.notExists(file)) {
            return load(file);
        }
        Path directory = file.toAbsolutePath().getParent();
        IdentityFiles.createDirectories(file, directory);
        Identity created = generate();
        created.save(file);
        return created;
    }

    /**
     * Writes this identity to {@code file} atomically, replacing any file there; on a POSIX file
     * system the file is readable and writable by its owner only ({@code rw-------}).
     *
     * @param file where to write
     * @throws IdentityFileException if the file cannot be written
     */
    public void save(Path file) {
        Objects.requireNonNull(file, "file");
        IdentityFiles.writeAtomically(file, IdentityFileFormat.encode(keysets));
    }

    /**
     * The Ed25519 public key that verifies this identity's signatures.
     *
     * @return the signing public key
     */
    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * The X25519 public key that others encrypt to for this identity.
     *
     * @return the encryption public key
     */
    public RecipientKey recipientKey() {
        return recipientKey;
    }

    /**
     * The 64-byte RFC 8032 Ed25519 signature of {@code message}; deterministic.
     *
     * @param message the bytes to sign
     * @return the signature, 64 bytes
     */
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        try {
            return signer.sign(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * The plaintext of a ciphertext made by {@link RecipientKey#encrypt} for this identity's
     * recipient key and the same associated data.
     *
     * @param ciphertext what {@link RecipientKey#encrypt} returned
     * @param associatedData the bytes given to {@link RecipientKey#encrypt}
     * @return the plaintext
     * @throws CryptoException.DecryptionFailed if the ciphertext is for another key, was altered, or
     *     was bound to other associated data
     */
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(associatedData, "associatedData");
        try {
            return decrypter.decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new CryptoException.DecryptionFailed(recipientKey);
        }
    }

    /**
     * The short id of {@link #publicKey()}.
     *
     * @return 16 lowercase hex digits
     */
    public String shortId() {
        return publicKey.shortId();
    }

    /** The short id, as {@code Identity[0123456789abcdef]}; never any key material. */
    @Override
    public String toString() {
        return "Identity[" + shortId() + "]";
    }
}
