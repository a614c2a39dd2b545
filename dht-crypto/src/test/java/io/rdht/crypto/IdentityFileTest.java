package io.rdht.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rdht.crypto.IdentityFileException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileTest {

    private static final byte[] MESSAGE = "announce 10.0.0.7:4222".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void loadedIdentityHasTheSavedKeys() {
        Identity original = Identity.generate();
        Path file = dir.resolve("node.identity");

        original.save(file);
        Identity loaded = Identity.load(file);

        assertThat(loaded.publicKey()).isEqualTo(original.publicKey());
        assertThat(loaded.recipientKey()).isEqualTo(original.recipientKey());
    }

    @Test
    void signatureByLoadedIdentityVerifiesUnderTheOriginalPublicKey() {
        Identity original = Identity.generate();
        Path file = dir.resolve("node.identity");
        original.save(file);

        byte[] signature = Identity.load(file).sign(MESSAGE);

        assertThat(original.publicKey().verify(MESSAGE, signature)).isTrue();
    }

    @Test
    void loadedIdentityDecryptsWhatWasEncryptedToTheOriginal() {
        Identity original = Identity.generate();
        Path file = dir.resolve("node.identity");
        original.save(file);
        byte[] ciphertext = original.recipientKey().encrypt(MESSAGE, new byte[0]);

        assertThat(Identity.load(file).decrypt(ciphertext, new byte[0])).isEqualTo(MESSAGE);
    }

    @Test
    void savedFileIsReadableAndWritableByItsOwnerOnly() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class));
        Path file = dir.resolve("node.identity");

        Identity.generate().save(file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void savingOverAFileReplacesItAndMakesItOwnerOnly() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class));
        Path file = dir.resolve("node.identity");
        Files.writeString(file, "old contents");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Identity replacement = Identity.generate();

        replacement.save(file);

        assertThat(Identity.load(file).publicKey()).isEqualTo(replacement.publicKey());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void savingLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("node.identity");

        Identity.generate().save(file);
        Identity.generate().save(file);

        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void fileIsLaidOutAsDocumented() throws IOException, NoSuchAlgorithmException {
        Path file = dir.resolve("node.identity");
        Identity.generate().save(file);

        byte[] bytes = Files.readAllBytes(file);
        int body = bytes.length - 32;

        assertThat(HexFormat.of().formatHex(bytes, 0, 10)).isEqualTo("895244485449440a0001");
        assertThat(Arrays.copyOfRange(bytes, body, bytes.length))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(bytes, body)));
    }

    @Test
    void loadOrCreateCreatesTheFileAndItsParentDirectories() {
        Path file = dir.resolve("state").resolve("keys").resolve("node.identity");

        Identity created = Identity.loadOrCreate(file);

        assertThat(file).isRegularFile();
        assertThat(Identity.load(file).publicKey()).isEqualTo(created.publicKey());
    }

    @Test
    void loadOrCreateReturnsTheSameIdentityOnLaterCalls() {
        Path file = dir.resolve("node.identity");

        Identity first = Identity.loadOrCreate(file);
        Identity second = Identity.loadOrCreate(file);

        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(second.recipientKey()).isEqualTo(first.recipientKey());
    }

    @Test
    void loadOrCreateReportsADamagedFileInsteadOfReplacingIt() throws IOException {
        Path file = dir.resolve("node.identity");
        Files.writeString(file, "{\"not\": \"an identity\"}");

        assertThatExceptionOfType(IdentityFileException.class)
                .isThrownBy(() -> Identity.loadOrCreate(file))
                .satisfies(e -> assertThat(e.problem()).isEqualTo(Problem.NOT_IDENTITY_FILE));
        assertThat(file).hasContent("{\"not\": \"an identity\"}");
    }

    @Test
    void loadOrCreateReportsAParentThatCannotBeADirectory() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a directory");
        Path file = blocker.resolve("node.identity");

        assertThatExceptionOfType(IdentityFileException.class)
                .isThrownBy(() -> Identity.loadOrCreate(file))
                .withMessageContaining(file.toString())
                .satisfies(e -> assertThat(e.problem()).isEqualTo(Problem.UNWRITABLE));
    }

    @Test
    void savingIntoAMissingDirectoryIsReported() {
        Path file = dir.resolve("missing").resolve("node.identity");

        assertThatExceptionOfType(IdentityFileException.class)
                .isThrownBy(() -> Identity.generate().save(file))
                .withMessageContaining(file.toString())
                .withMessageContaining("cannot write")
                .satisfies(e -> assertThat(e.problem()).isEqualTo(Problem.UNWRITABLE))
                .satisfies(e -> assertThat(e.file()).isEqualTo(file));
    }

    @Test
    void savingOverADirectoryIsReportedAndLeavesNoTemporaryFile() throws IOException {
        Path file = Files.createDirectory(dir.resolve("node.identity"));
        Files.writeString(file.resolve("inside"), "keeps the directory non-empty");

        assertThatExceptionOfType(IdentityFileException.class)
                .isThrownBy(() -> Identity.generate().save(file))
                .withMessageContaining(file.toString())
                .satisfies(e -> assertThat(e.problem()).isEqualTo(Problem.UNWRITABLE));
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }
}
