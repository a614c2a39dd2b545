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
 * database of ours, sets write-ahead logging, creates the tables of a new one and upgrades an older
 * one.
 *
 * <p>Schema, version 4: {@code meta(name, value)} holds the node id; {@code contact(id, address,
 * port)} the contacts saved last; {@code value_log(at, changes, batch)} the values stored for
 * others, as a log of batches of changes (see {@link ValueLog}). Addresses are kept as their 4 or
 * 16 raw bytes, so reading them back never resolves a name.
 *
 * <p>Versions 2 and 3 kept one row per value in {@code stored(key, id, ..., owner, ...)}, keyed by
 * key and {@linkplain io.rdht.core.ValueIdentity identity}, version 3 with a log of changes not yet
 * folded into it, {@code pending}: each commit then cost a table row per value and the fold a
 * random insert per value, several times what the value log costs. Such a file is upgraded when
 * opened, in one transaction: the log folded in, the values written to the value log, both tables
 * dropped.
 *
 * <p>Version 1 keyed values by key and id alone, so another owner's value under a victim's id
 * replaced the victim's row. A version-1 file is migrated in place when opened: its rows are
 * copied into the version-2 table (none of them collide, having had distinct ids), then upgraded
 * as above; a file that cannot be migrated is treated as unreadable.
 */
final class StateDatabase {

    private static final Logger log = LoggerFactory.getLogger(StateDatabase.class);

    /** The version this code writes and reads, in SQLite's {@code user_version}. */
    static final int SCHEMA_VERSION = 4;
    /** The version with a table of stored values and a log of pending changes, which {@link #open} upgrades. */
    static final int PENDING_LOG_VERSION = 3;
    /** The version with a table of stored values alone, which {@link #open} upgrades. */
    static final int WITHOUT_LOG_VERSION = 2;
    /** The version before values were keyed by owner, which {@link #open} migrates. */
    static final int KEYED_BY_ID_VERSION = 1;

    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private static final String STORED_TABLE = "CREATE TABLE IF NOT EXISTS stored (key BLOB NOT NULL,"
            + " id INTEGER NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, content_type TEXT NOT NULL,"
            + " ttl_ms INTEGER NOT NULL, created_ms INTEGER NOT NULL, owner BLOB NOT NULL, signature BLOB,"
            + " recipient BLOB, source BLOB NOT NULL, expires_ms INTEGER NOT NULL, PRIMARY KEY (key, id, owner))"
            + " WITHOUT ROWID";

    /**
     * Folds version 3's log into {@code stored}, inside the caller's transaction: values whose last
     * change is a removal are deleted, then each value's last saved version (if that is its last
     * change) replaces the one stored.
     */
    private static final String[] FOLD_PENDING = {
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
        ValueLog.TABLE,
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
                if (version != 0
                        && version != WITHOUT_LOG_VERSION
                        && version != PENDING_LOG_VERSION
                        && version != SCHEMA_VERSION) {
                    throw new CorruptStateException(
                            "schema version " + version + ", this rdht reads " + SCHEMA_VERSION, null);
                }
                for (String table : SCHEMA) {
                    s.execute(table);
                }
                c.setAutoCommit(false);
                if (version == WITHOUT_LOG_VERSION || version == PENDING_LOG_VERSION) {
                    upgradeToValueLog(c, s, version);
                    log.info("upgraded state in {} from schema version {} to {}", file, version, SCHEMA_VERSION);
                }
                s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
                c.commit();
            }
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
     * Moves the values of a version-2 or version-3 state into the value log and drops the old
     * tables, inside the caller's transaction.
     */
    private static void upgradeToValueLog(Connection c, Statement s, int version) throws SQLException {
        if (version == PENDING_LOG_VERSION) {
            for (String step : FOLD_PENDING) {
                s.executeUpdate(step);
            }
        }
        new ValueLog(c, ValueLog.Contents.empty()).write(TableValues.read(s));
        s.execute("DROP TABLE stored");
        s.execute("DROP TABLE IF EXISTS pending");
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
