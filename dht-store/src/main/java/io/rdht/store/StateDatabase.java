package io.rdht.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Opens the SQLite database of a state directory: checks that an existing file is a sound
 * database of ours, sets write-ahead logging, and creates the tables of a new one.
 *
 * <p>Schema, version 3: {@code meta(name, value)} holds the node id; {@code contact(id, address,
 * port)} the contacts saved last; {@code stored(key, id, ..., owner, ...)} one row per value stored
 * for others, keyed by its key and {@linkplain io.rdht.core.ValueIdentity identity} (id and owner,
 * an empty blob for an unsigned value: a key column of a {@code WITHOUT ROWID} table cannot be
 * null), with the fields its signature covers, the source it is charged to and its expiry.
 * Addresses are kept as their 4 or 16 raw bytes, so reading them back never resolves a name.
 *
 * <p>{@code pending(at, removed, key, id, owner, ...)} is a log of the value changes not yet
 * folded into {@code stored}, in the order they were made: a saved value with its fields, or a
 * removal ({@code removed = 1}, the other fields null). The writer appends each batch to it, so a
 * commit writes the log's last page or two rather than a page of {@code stored} per value (values
 * have random keys, so each lands on a page of its own), and {@linkplain #FOLD folds} it into
 * {@code stored} every {@value StateWriter#FOLD_ROWS} changes, at a stop and when the database is
 * opened, in the same transaction as the changes it folds. The state is {@code stored} with the
 * log folded in; the reader reads it after the fold at open.
 *
 * <p>Version 2 had no log: it is upgraded by adding the empty table.
 *
 * <p>Version 1 keyed values by key and id alone, so another owner's value under a victim's id
 * replaced the victim's row. A version-1 file is migrated in place when opened: its rows are
 * copied into the version-2 table (none of them collide, having had distinct ids), in one
 * transaction; a file that cannot be migrated is treated as unreadable.
 */
final class StateDatabase {

    private static final Logger log = LoggerFactory.getLogger(StateDatabase.class);

    /** The version this code writes and reads, in SQLite's {@code user_version}. */
    static final int SCHEMA_VERSION = 3;
    /** The version before the log of pending changes, which {@link #open} upgrades by adding it. */
    static final int WITHOUT_LOG_VERSION = 2;
    /** The version before values were keyed by owner, which {@link #open} migrates. */
    static final int KEYED_BY_ID_VERSION = 1;

    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private static final String STORED_TABLE = "CREATE TABLE IF NOT EXISTS stored (key BLOB NOT NULL,"
            + " id INTEGER NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, content_type TEXT NOT NULL,"
            + " ttl_ms INTEGER NOT NULL, created_ms INTEGER NOT NULL, owner BLOB NOT NULL, signature BLOB,"
            + " recipient BLOB, source BLOB NOT NULL, expires_ms INTEGER NOT NULL, PRIMARY KEY (key, id, owner))"
            + " WITHOUT ROWID";

    /** The log of value changes not yet in {@code stored}; {@code at} orders them. */
    private static final String PENDING_TABLE = "CREATE TABLE IF NOT EXISTS pending (at INTEGER PRIMARY KEY,"
            + " removed INTEGER NOT NULL, key BLOB NOT NULL, id INTEGER NOT NULL, owner BLOB NOT NULL, seq INTEGER,"
            + " data BLOB, content_type TEXT, ttl_ms INTEGER, created_ms INTEGER, signature BLOB, recipient BLOB,"
            + " source BLOB, expires_ms INTEGER)";

    /** Appends a saved value to the log. */
    static final String LOG_SAVE = "INSERT INTO pending (removed, key, id, owner, seq, data, content_type, ttl_ms,"
            + " created_ms, signature, recipient, source, expires_ms) VALUES (0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Appends a removal to the log. */
    static final String LOG_REMOVAL = "INSERT INTO pending (removed, key, id, owner) VALUES (1, ?, ?, ?)";

    /**
     * Folds the log into {@code stored} and empties it, inside the caller's transaction: values
     * whose last change is a removal are deleted, then each value's last saved version (if that is
     * its last change) replaces the one stored. SQLite looks each value up by its primary key.
     */
    static final String[] FOLD = {
        "DELETE FROM stored WHERE (key, id, owner) IN (SELECT key, id, owner FROM pending WHERE removed = 1)",
        "INSERT OR REPLACE INTO stored (key, id, seq, data, content_type, ttl_ms, created_ms, owner, signature,"
                + " recipient, source, expires_ms) SELECT key, id, seq, data, content_type, ttl_ms, created_ms, owner,"
                + " signature, recipient, source, expires_ms FROM pending WHERE removed = 0"
                + " AND at IN (SELECT max(at) FROM pending GROUP BY key, id, owner)",
        "DELETE FROM pending",
    };

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS contact (id BLOB PRIMARY KEY, address BLOB NOT NULL, port INTEGER NOT NULL)"
                + " WITHOUT ROWID",
        STORED_TABLE,
        PENDING_TABLE,
    };

    /** Version 1's values table becomes version 2's: the same columns, owner no longer null, keyed by it. */
    private static final String[] FROM_KEYED_BY_ID = {
        "BEGIN IMMEDIATE",
        "ALTER TABLE stored RENAME TO stored_keyed_by_id",
        STORED_TABLE,
        "INSERT INTO stored SELECT key, id, seq, data, content_type, ttl_ms, created_ms, coalesce(owner, x''),"
                + " signature, recipient, source, expires_ms FROM stored_keyed_by_id",
        "DROP TABLE stored_keyed_by_id",
        "PRAGMA user_version=" + WITHOUT_LOG_VERSION,
        "COMMIT",
    };

    private StateDatabase() {}

    /**
     * Opens the database in {@code file}, creating it if missing.
     *
     * @throws CorruptStateException if the file exists but is no sound rdht state
     * @throws SQLException          if a new database cannot be created (the directory is unusable)
     */
    static Connection open(Path file) throws CorruptStateException, SQLException {
        boolean existed = checkHeader(file);
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file, connectionProperties());
        } catch (SQLException e) {
            if (existed) {
                throw new CorruptStateException("SQLite cannot open it: " + e.getMessage(), e);
            }
            throw e;
        }
        try {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // With a write-ahead log, NORMAL syncs at checkpoints only: a commit is in the
                // operating system once the call returns, so it survives the process being killed.
                s.execute("PRAGMA synchronous=NORMAL");
                if (existed) {
                    checkIntegrity(s);
                }
                int version = userVersion(s);
                if (version == KEYED_BY_ID_VERSION) {
                    migrate(s);
                    log.info("migrated state in {} from schema version {} to {}", file, version, SCHEMA_VERSION);
                    version = WITHOUT_LOG_VERSION;
                }
                if (version != 0 && version != WITHOUT_LOG_VERSION && version != SCHEMA_VERSION) {
                    throw new CorruptStateException(
                            "schema version " + version + ", this rdht reads " + SCHEMA_VERSION, null);
                }
                for (String table : SCHEMA) {
                    s.execute(table);
                }
                s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
            }
            c.setAutoCommit(false);
            foldLog(c);
            return c;
        } catch (SQLException | CorruptStateException | RuntimeException e) {
            closeQuietly(c);
            if (e instanceof CorruptStateException corrupt) {
                throw corrupt;
            }
            if (existed) {
                throw new CorruptStateException(String.valueOf(e.getMessage()), e);
            }
            throw e;
        }
    }

    /**
     * The driver's settings: no generated keys. By default sqlite-jdbc follows every INSERT with a
     * second statement, {@code SELECT last_insert_rowid()}, prepared and run anew; the store never
     * asks for a row id, and that query cost as much as the INSERT itself.
     */
    private static Properties connectionProperties() {
        SQLiteConfig config = new SQLiteConfig();
        config.setGetGeneratedKeys(false);
        return config.toProperties();
    }

    /**
     * Folds what the log holds (the changes made since the last fold before the node stopped or
     * was killed) into {@code stored}, in one transaction.
     */
    private static void foldLog(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String step : FOLD) {
                s.executeUpdate(step);
            }
        }
        c.commit();
    }

    /** The owner column of a value with {@code owner} (null when unsigned): an empty blob for none. */
    static byte[] ownerColumn(byte[] owner) {
        return owner == null ? new byte[0] : owner;
    }

    /** The owner a value read back has: none for an empty (or, as SQLite may hand it back, null) column. */
    static byte[] ownerOf(byte[] column) {
        return column == null || column.length == 0 ? null : column;
    }

    /**
     * Rewrites a version-1 state as version 2 in one transaction. If a step fails, the caller
     * closes the connection, which rolls the transaction back, and moves the file aside.
     */
    private static void migrate(Statement s) throws CorruptStateException {
        try {
            for (String step : FROM_KEYED_BY_ID) {
                s.execute(step);
            }
        } catch (SQLException e) {
            throw new CorruptStateException(
                    "cannot migrate schema version " + KEYED_BY_ID_VERSION + ": " + e.getMessage(), e);
        }
    }

    /** Closes {@code c}, ignoring a failure: used when the connection is abandoned anyway. */
    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is being given up; nothing more can be done with it
        }
    }

    /** Whether {@code file} exists; if it does and is not empty, it must start as an SQLite file. */
    private static boolean checkHeader(Path file) throws CorruptStateException {
        if (!Files.exists(file)) {
            return false;
        }
        byte[] start = new byte[HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, start.length);
        } catch (IOException e) {
            throw new CorruptStateException("cannot read it: " + e.getMessage(), e);
        }
        if (read == 0) {
            return false;
        }
        if (read < HEADER.length || !Arrays.equals(start, HEADER)) {
            throw new CorruptStateException("not an SQLite database", null);
        }
        return true;
    }

    private static void checkIntegrity(Statement s) throws SQLException, CorruptStateException {
        try (ResultSet rs = s.executeQuery("PRAGMA quick_check(1)")) {
            String verdict = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new CorruptStateException("integrity check: " + verdict, null);
            }
        }
    }

    private static int userVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
