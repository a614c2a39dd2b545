package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.crypto.Identity;
import io.rdht.crypto.IdentityFileException;
import java.nio.file.Path;

/** Loads the node's identity, turning a bad file into a user error (exit 4). */
final class Identities {

    private Identities() {}

    /** The identity in {@code file}, created there on first use. */
    static Identity loadOrCreate(Path file) {
        try {
            return Identity.loadOrCreate(file);
        } catch (IdentityFileException e) {
            throw new UserError(ExitCode.BAD_IDENTITY, e.getMessage());
        }
    }
}
