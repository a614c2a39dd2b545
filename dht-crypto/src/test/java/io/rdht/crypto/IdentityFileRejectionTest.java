package io.rdht.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.SignatureConfig2026;
import io.rdht.crypto.IdentityFileException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileRejectionTest {

    private static final int HEADER_LENGTH = 10;

    @TempDir
    Path dir;

    private Path file;
    private byte[] valid;

    @BeforeEach
    void saveAValidFile() throws IOException {
        file = dir.resolve("node.identity");
        Identity.generate().save(file);
        valid = Files.readAllBytes(file);
    }

    @Test
    void missingFileIsReported() throws IOException {
        Files.delete(file);

        assertLoadFails(Problem.MISSING, "does not exist");
    }

    @Test
    void directoryIsReportedAsUnreadable() throws IOException {
        Files.delete(file);
        Files.createDirectory(file);

        assertLoadFails(Problem.UNREADABLE, "cannot read");
    }

    @Test
    void emptyFileIsReportedAsTruncated() throws IOException {
        Files.write(file, new byte[0]);

        assertLoadFails(Problem.TRUNCATED, "truncated");
    }

    @Test
    void fileCutShortAnywhereIsReportedAsTruncated() {
        for (int length = 0; length < valid.length; length++) {
            assertThat(decodeFailure(Arrays.copyOf(valid, length)).problem())
                    .as("file cut to %d of %d bytes", length, valid.length)
                    .isEqualTo(Problem.TRUNCATED);
        }
    }

    @Test
    void fileCutShortOnDiskIsReportedAsTruncated() throws IOException {
        Files.write(file, Arrays.copyOf(valid, valid.length - 1));

        assertLoadFails(Problem.TRUNCATED, "truncated");
    }

    @Test
    void bytesAfterTheChecksumAreReportedAsCorrupt() throws IOException {
        Files.write(file, Arrays.copyOf(valid, valid.length + 1));

        assertLoadFails(Problem.CORRUPT, "corrupt");
    }

    @Test
    void anyFlippedBitInTheKeysOrChecksumIsReportedAsCorrupt() {
        int signingLength = unsignedShort(valid, HEADER_LENGTH);
        int firstSigningByte = HEADER_LENGTH + 2;
        int firstEncryptionByte = firstSigningByte + signingLength + 2;

        for (int bit = 0; bit < valid.length * 8; bit++) {
            int at = bit / 8;
            boolean firstLength = at >= HEADER_LENGTH && at < firstSigningByte;
            boolean secondLength = at >= firstEncryptionByte - 2 && at < firstEncryptionByte;
            if (at < HEADER_LENGTH || firstLength || secondLength) {
                continue;
            }
            assertThat(decodeFailure(flipped(valid, bit)).problem())
                    .as("file with bit %d flipped", bit)
                    .isEqualTo(Problem.CORRUPT);
        }
    }

    @Test
    void anyFlippedBitInTheHeaderOrLengthsIsReported() {
        int signingLength = unsignedShort(valid, HEADER_LENGTH);
        int secondLengthField = HEADER_LENGTH + 2 + signingLength;

        for (int at : new int[] {0, 7}) {
            for (int bit = at * 8; bit < at * 8 + 8; bit++) {
                assertThat(decodeFailure(flipped(valid, bit)).problem())
                        .as("header with bit %d flipped", bit)
                        .isEqualTo(Problem.NOT_IDENTITY_FILE);
            }
        }
        for (int bit = 8 * 8; bit < HEADER_LENGTH * 8; bit++) {
            assertThat(decodeFailure(flipped(valid, bit)).problem())
                    .as("version with bit %d flipped", bit)
                    .isEqualTo(Problem.UNSUPPORTED_VERSION);
        }
        int[] lengthBytes = {HEADER_LENGTH, HEADER_LENGTH + 1, secondLengthField, secondLengthField + 1};
        for (int at : lengthBytes) {
            for (int bit = at * 8; bit < at * 8 + 8; bit++) {
                assertThat(decodeFailure(flipped(valid, bit)).problem())
                        .as("length field with bit %d flipped", bit)
                        .isIn(Problem.TRUNCATED, Problem.CORRUPT);
            }
        }
    }

    @Test
    void textFileIsNotAnIdentityFile() throws IOException {
        Files.writeString(file, "node-id: 0123456789abcdef\nsecret: hunter2\n");

        assertLoadFails(Problem.NOT_IDENTITY_FILE, "not an rdht identity file");
    }

    @Test
    void jsonFileIsNotAnIdentityFile() throws IOException {
        Files.writeString(file, "{\"primaryKeyId\": 1, \"key\": []}");

        assertLoadFails(Problem.NOT_IDENTITY_FILE, "not an rdht identity file");
    }

    @Test
    void bareTinkKeysetIsNotAnIdentityFile() throws IOException {
        Files.write(file, Arrays.copyOfRange(valid, HEADER_LENGTH + 2, valid.length));

        assertLoadFails(Problem.NOT_IDENTITY_FILE, "not an rdht identity file");
    }

    @Test
    void randomBytesAreNotAnIdentityFile() throws IOException {
        byte[] noise = new byte[valid.length];
        new SplittableRandom(0x1d_2024L).nextBytes(noise);
        noise[0] = 0x00;
        Files.write(file, noise);

        assertLoadFails(Problem.NOT_IDENTITY_FILE, "not an rdht identity file");
    }

    @Test
    void fileOfALaterVersionIsReportedAsUnsupported() throws IOException {
        byte[] later = valid.clone();
        later[9] = 2;
        Files.write(file, later);

        assertLoadFails(Problem.UNSUPPORTED_VERSION, "unsupported version 2");
    }

    @Test
    void keysetLongerThanTheFormatAllowsIsReportedAsCorrupt() throws IOException {
        byte[] oversized = valid.clone();
        oversized[HEADER_LENGTH] = (byte) 0xff;
        Files.write(file, oversized);

        assertLoadFails(Problem.CORRUPT, "corrupt");
    }

    @Test
    void swappedKeysetsAreReportedAsWrongKeyTypes() throws IOException {
        Files.write(file, IdentityFileFormat.frame(keysetBytes(1), keysetBytes(0)));

        assertLoadFails(Problem.WRONG_KEY_TYPE, "signing keyset");
    }

    @Test
    void twoSigningKeysetsAreReportedAsWrongKeyType() throws IOException {
        Files.write(file, IdentityFileFormat.frame(keysetBytes(0), keysetBytes(0)));

        assertLoadFails(Problem.WRONG_KEY_TYPE, "encryption keyset");
    }

    @Test
    void signingKeyWithTinksOutputPrefixIsReportedAsWrongKeyType() throws IOException, GeneralSecurityException {
        KeysetHandle prefixed = KeysetHandle.generateNew(
                Ed25519Parameters.create(Ed25519Parameters.Variant.TINK), SignatureConfig2026.get());
        Files.write(file, IdentityFileFormat.frame(serialize(prefixed), keysetBytes(1)));

        assertLoadFails(Problem.WRONG_KEY_TYPE, "signing keyset");
    }

    @Test
    void signingKeysetWithTwoKeysIsReportedAsWrongKeyType() throws IOException, GeneralSecurityException {
        KeysetHandle twoKeys = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(signingKey()).withRandomId().makePrimary())
                .addEntry(KeysetHandle.importKey(signingKey()).withRandomId())
                .build();
        Files.write(file, IdentityFileFormat.frame(serialize(twoKeys), keysetBytes(1)));

        assertLoadFails(Problem.WRONG_KEY_TYPE, "2 key(s)");
    }

    @Test
    void publicKeyInPlaceOfThePrivateKeyIsReportedAsWrongKeyType() throws IOException, GeneralSecurityException {
        KeysetHandle publicOnly = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(signingKey().getPublicKey())
                        .withRandomId()
                        .makePrimary())
                .build();
        Files.write(file, IdentityFileFormat.frame(serialize(publicOnly), keysetBytes(1)));

        assertLoadFails(Problem.WRONG_KEY_TYPE, "signing keyset");
    }

    private void assertLoadFails(Problem problem, String detail) {
        assertThatExceptionOfType(IdentityFileException.class)
                .isThrownBy(() -> Identity.load(file))
                .withMessageStartingWith("identity file " + file + ": ")
                .withMessageContaining(detail)
                .satisfies(e -> assertThat(e.problem()).isEqualTo(problem))
                .satisfies(e -> assertThat(e.file()).isEqualTo(file))
                .satisfies(IdentityFileRejectionTest::assertNoTinkTypeInCauses);
    }

    private IdentityFileException decodeFailure(byte[] bytes) {
        IdentityFileException failure =
                catchThrowableOfType(IdentityFileException.class, () -> IdentityFileFormat.decode(file, bytes));
        assertThat(failure).as("decoding fails").isNotNull();
        assertThat(failure.getMessage()).contains(file.toString());
        return failure;
    }

    private static void assertNoTinkTypeInCauses(Throwable failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            assertThat(cause.getClass().getName()).doesNotStartWith("com.google");
        }
    }

    /** The serialized keyset at {@code index} (0 signing, 1 encryption) of the valid file. */
    private byte[] keysetBytes(int index) {
        int signingLength = unsignedShort(valid, HEADER_LENGTH);
        int signingStart = HEADER_LENGTH + 2;
        if (index == 0) {
            return Arrays.copyOfRange(valid, signingStart, signingStart + signingLength);
        }
        int encryptionStart = signingStart + signingLength + 2;
        int encryptionLength = unsignedShort(valid, encryptionStart - 2);
        return Arrays.copyOfRange(valid, encryptionStart, encryptionStart + encryptionLength);
    }

    private static Ed25519PrivateKey signingKey() throws GeneralSecurityException {
        KeysetHandle keyset = KeysetHandle.generateNew(
                Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX), SignatureConfig2026.get());
        return (Ed25519PrivateKey) keyset.getPrimary().getKey();
    }

    private static byte[] serialize(KeysetHandle keyset) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get(), SignatureConfig2026.get());
    }

    private static int unsignedShort(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }

    private static byte[] flipped(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
