package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.store.SqliteStateStore;
import io.rdht.store.StateStoreException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a long-running node keeps the state that survives a restart: its id, its contacts and the
 * values it stores for others. {@code --state-dir DIR} keeps it in DIR; {@code --state} in the
 * default directory, {@code $XDG_STATE_HOME/rdht} (else {@code ~/.local/state/rdht});
 * {@code --no-state} keeps nothing. Whether a node keeps state without any of them is the
 * command's choice; one-shot commands never do.
 */
public final class StateOptions {

    /** The variable that names the base of the default state directory. */
    public static final String STATE_HOME_VARIABLE = "XDG_STATE_HOME";

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Keep the node id, contacts and stored values in DIR, across restarts.")
    private Path directory;

    @Option(
            names = "--state",
            negatable = true,
            description = "Keep state in $" + STATE_HOME_VARIABLE + "/rdht (else ~/.local/state/rdht); "
                    + "--no-state keeps nothing.")
    private Boolean enabled;

    /** Whether any of the state options was given. */
    public boolean given() {
        return directory != null || enabled != null;
    }

    /**
     * The state directory to use, if any: {@code --state-dir}'s, else the default one when
     * {@code --state} is given or {@code onByDefault}; none with {@code --no-state}.
     *
     * @throws UserError (exit 2) for {@code --state-dir} together with {@code --no-state}
     */
    public Optional<Path> directory(Map<String, String> env, boolean onByDefault) {
        if (Boolean.FALSE.equals(enabled)) {
            if (directory != null) {
                throw new UserError(ExitCode.BAD_INPUT, "--state-dir and --no-state contradict each other");
            }
            return Optional.empty();
        }
        if (directory != null) {
            return Optional.of(directory);
        }
        return Boolean.TRUE.equals(enabled) || onByDefault ? Optional.of(defaultDirectory(env)) : Optional.empty();
    }

    /** {@code $XDG_STATE_HOME/rdht}, else {@code ~/.local/state/rdht}. */
    public static Path defaultDirectory(Map<String, String> env) {
        String xdg = env.get(STATE_HOME_VARIABLE);
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("rdht");
    }

    /**
     * Opens the state in the directory these options ask for, if any.
     *
     * @throws UserError (exit 1) naming the directory when it cannot be used
     */
    public Optional<SqliteStateStore> open(Map<String, String> env, boolean onByDefault) {
        Optional<Path> dir = directory(env, onByDefault);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SqliteStateStore.open(dir.get()));
        } catch (StateStoreException e) {
            throw new UserError(
                    ExitCode.FAILED,
                    explain(e.directory(), e.getMessage(), e.getCause(), System.getProperty("user.name")));
        }
    }

    /**
     * What to tell the user when the state directory cannot be used: the store's own message, or,
     * when the system denied access, which path and which user (the store would name the path alone).
     */
    static String explain(Path directory, String message, Throwable cause, String user) {
        if (cause instanceof AccessDeniedException denied) {
            return "cannot use state directory " + directory + ": permission denied on " + denied.getFile()
                    + " (the node runs as user " + user + ", who must be able to create and write it)";
        }
        return message;
    }

    /**
     * Refuses the state options for {@code command}, which keeps no state.
     *
     * @throws UserError (exit 2) if one was given
     */
    public void refuseFor(String command) {
        if (given()) {
            throw new UserError(ExitCode.BAD_INPUT, command + " keeps no state: drop --state-dir and --state");
        }
    }
}
