package io.rdht.crypto;

import io.rdht.crypto.IdentityFileException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Reads identity files and writes them atomically, owner-only where the file system allows. */
final class IdentityFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private IdentityFiles() {}

    /**
     * The bytes of {@code file}, at most {@code limit + 1} of them so that an oversized file is read
     * only far enough to be rejected.
     */
    static byte[] read(Path file, int limit) {
        if (Files.isDirectory(file)) {
            throw new IdentityFileException(file, Problem.UNREADABLE, "cannot read: it is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(limit + 1);
        } catch (NoSuchFileException e) {
            throw new IdentityFileException(file, Problem.MISSING, "does not exist", e);
        } catch (IOException e) {
            throw new IdentityFileException(file, Problem.UNREADABLE, "cannot read: " + reason(e), e);
        }
    }

    /**
     * Replaces {@code file} with {@code bytes} in one step: they go to a temporary file in the same
     * directory, created owner-only on POSIX file systems and forced to disk, which is then moved
     * over {@code file}. Readers see the old file or the new one, never a part.
     *
     * <p>Implementation note: the directory is not forced, so after a power failure the old file
     * may be back in place of the new one; a half-written file cannot be.
     */
    static void writeAtomically(Path file, byte[] bytes) {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            temporary = createTemporary(directory, file.getFileName().toString());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            IdentityFileException failure =
                    new IdentityFileException(file, Problem.UNWRITABLE, "cannot write: " + reason(e), e);
            if (temporary != null) {
                deleteAfterFailure(temporary, failure);
            }
            throw failure;
        }
    }

    /** Creates {@code directory} and its missing parents. */
    static void createDirectories(Path file, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IdentityFileException(
                    file, Problem.UNWRITABLE, "cannot create directory " + directory + ": " + reason(e), e);
        }
    }

    private static Path createTemporary(Path directory, String name) throws IOException {
        String prefix = "." + name + ".";
        if (Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return Files.createTempFile(directory, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        return Files.createTempFile(directory, prefix, ".tmp");
    }

    private static void deleteAfterFailure(Path temporary, IdentityFileException failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage();
    }
}
