package io.rdht.crypto;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import io.rdht.crypto.IdentityFileException.Problem;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Encodes and decodes the bytes of an identity file; the layout is documented on {@link Identity}.
 *
 * <p>Decoding checks, in order: the header, the version, the framing (a file that ends early is
 * {@link Problem#TRUNCATED}, one with bytes after the checksum is {@link Problem#CORRUPT}), the
 * checksum, and only then hands the keysets to Tink, so Tink never sees damaged bytes.
 */
final class IdentityFileFormat {

    /** The version this build writes and reads. */
    static final int VERSION = 1;

    private static final byte[] MAGIC = {(byte) 0x89, 'R', 'D', 'H', 'T', 'I', 'D', '\n'};
    private static final int VERSION_LENGTH = 2;
    private static final int KEYSET_LENGTH_FIELD = 2;
    private static final int MAX_KEYSET_LENGTH = 4096;
    private static final int CHECKSUM_LENGTH = 32;

    /** No valid identity file is longer than this. */
    static final int MAX_FILE_LENGTH =
            MAGIC.length + VERSION_LENGTH + 2 * (KEYSET_LENGTH_FIELD + MAX_KEYSET_LENGTH) + CHECKSUM_LENGTH;

    private static final Slot SIGNING = new Slot(
            "signing",
            TinkKeys.SIGNATURE_CONFIG,
            TinkKeys::isSigningKeyset,
            "one Ed25519 private key without output prefix");
    private static final Slot ENCRYPTION = new Slot(
            "encryption",
            TinkKeys.HYBRID_CONFIG,
            TinkKeys::isEncryptionKeyset,
            "one HPKE X25519/HKDF-SHA256/ChaCha20-Poly1305 private key without output prefix");

    /** The two keysets of an identity, checked to be of the expected kinds. */
    record Keysets(KeysetHandle signing, KeysetHandle encryption) {}

    private IdentityFileFormat() {}

    /** The file bytes holding these two keysets, secret keys in the clear. */
    static byte[] encode(Keysets keysets) {
        return frame(
                serialize(keysets.signing(), TinkKeys.SIGNATURE_CONFIG),
                serialize(keysets.encryption(), TinkKeys.HYBRID_CONFIG));
    }

    /**
     * The keysets in the bytes read from {@code file}.
     *
     * @throws IdentityFileException naming {@code file} if the bytes are not a valid identity file
     */
    static Keysets decode(Path file, byte[] bytes) {
        checkHeader(file, bytes);
        ByteBuffer in = ByteBuffer.wrap(bytes).position(MAGIC.length);
        int version = unsignedShort(file, in, "the version");
        if (version != VERSION) {
            throw new IdentityFileException(
                    file,
                    Problem.UNSUPPORTED_VERSION,
                    "unsupported version " + version + " (this build reads version " + VERSION + ")");
        }
        byte[] signing = keyset(file, in, "the signing keyset");
        byte[] encryption = keyset(file, in, "the encryption keyset");
        int bodyLength = in.position();
        byte[] checksum = take(file, in, CHECKSUM_LENGTH, "the checksum");
        if (in.hasRemaining()) {
            throw new IdentityFileException(
                    file, Problem.CORRUPT, "corrupt: " + in.remaining() + " unexpected bytes after the checksum");
        }
        if (!MessageDigest.isEqual(Digests.sha256(bytes, bodyLength), checksum)) {
            throw new IdentityFileException(file, Problem.CORRUPT, "corrupt: checksum mismatch");
        }
        return new Keysets(SIGNING.parse(file, signing), ENCRYPTION.parse(file, encryption));
    }

    /**
     * Frames two serialized keysets with the header, lengths and checksum.
     *
     * <p>Separate from {@link #encode} so that tests can frame keysets of the wrong kinds.
     */
    static byte[] frame(byte[] signingKeyset, byte[] encryptionKeyset) {
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length
                + VERSION_LENGTH
                + KEYSET_LENGTH_FIELD
                + signingKeyset.length
                + KEYSET_LENGTH_FIELD
                + encryptionKeyset.length
                + CHECKSUM_LENGTH);
        out.put(MAGIC).putShort((short) VERSION);
        putKeyset(out, signingKeyset);
        putKeyset(out, encryptionKeyset);
        out.put(Digests.sha256(out.array(), out.position()));
        return out.array();
    }

    private static void putKeyset(ByteBuffer out, byte[] keyset) {
        if (keyset.length > MAX_KEYSET_LENGTH) {
            throw new IllegalArgumentException(
                    "a keyset of " + keyset.length + " bytes exceeds the format's " + MAX_KEYSET_LENGTH);
        }
        out.putShort((short) keyset.length).put(keyset);
    }

    private static void checkHeader(Path file, byte[] bytes) {
        int present = Math.min(bytes.length, MAGIC.length);
        if (!Arrays.equals(bytes, 0, present, MAGIC, 0, present)) {
            throw new IdentityFileException(
                    file, Problem.NOT_IDENTITY_FILE, "not an rdht identity file (no rdht identity header)");
        }
        if (bytes.length < MAGIC.length) {
            throw truncated(file, bytes.length, "the header");
        }
    }

    private static byte[] keyset(Path file, ByteBuffer in, String what) {
        int length = unsignedShort(file, in, "the length of " + what);
        if (length > MAX_KEYSET_LENGTH) {
            throw new IdentityFileException(
                    file,
                    Problem.CORRUPT,
                    "corrupt: " + what + " claims " + length + " bytes, more than " + MAX_KEYSET_LENGTH);
        }
        return take(file, in, length, what);
    }

    private static int unsignedShort(Path file, ByteBuffer in, String what) {
        return Short.toUnsignedInt(
                ByteBuffer.wrap(take(file, in, Short.BYTES, what)).getShort());
    }

    private static byte[] take(Path file, ByteBuffer in, int length, String what) {
        if (in.remaining() < length) {
            throw truncated(file, in.limit(), what);
        }
        byte[] taken = new byte[length];
        in.get(taken);
        return taken;
    }

    private static IdentityFileException truncated(Path file, int fileLength, String what) {
        return new IdentityFileException(
                file, Problem.TRUNCATED, "truncated: the file ends after " + fileLength + " bytes, in " + what);
    }

    private static byte[] serialize(KeysetHandle keyset, Configuration configuration) {
        try {
            return TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get(), configuration);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot serialize a keyset it made", e);
        }
    }

    /** One of the two keysets in the file: what it is called, how Tink reads it, what it must be. */
    private record Slot(String role, Configuration configuration, Predicate<KeysetHandle> accepts, String expectation) {

        KeysetHandle parse(Path file, byte[] keyset) {
            KeysetHandle handle;
            try {
                handle = TinkProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get(), configuration);
            } catch (GeneralSecurityException e) {
                // The checksum matched, so these are the bytes the writer meant: a keyset of another kind.
                throw wrongKeyType(file, "Tink cannot read it: " + e.getMessage());
            }
            if (!accepts.test(handle)) {
                throw wrongKeyType(
                        file,
                        "it holds "
                                + handle.size()
                                + " key(s), the primary being "
                                + handle.getPrimary().getKey().getParameters());
            }
            return handle;
        }

        private IdentityFileException wrongKeyType(Path file, String found) {
            return new IdentityFileException(
                    file,
                    Problem.WRONG_KEY_TYPE,
                    "wrong key type: the " + role + " keyset must hold " + expectation + "; " + found);
        }
    }
}
