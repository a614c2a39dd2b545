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

/**
 * Opens the SQLite database of a state directory: checks that an existing file is a sound
 * database of ours, sets write-ahead logging, and creates the tables of a new one.
 *
 * <p>Schema, version 1: {@code meta(name, value)} holds the node id; {@code contact(id, address,
 * port)} the contacts saved last; {@code stored(key, id, ...)} one row per value stored for
 * others, with the fields its signature covers, the source it is charged to and its expiry.
 * Addresses are kept as their 4 or 16 raw bytes, so reading them back never resolves a name.
 */
final class StateDatabase {

    /** The version this code writes and reads, in SQLite's {@code user_version}. */
    static final int SCHEMA_VERSION = 1;

    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS contact (id BLOB PRIMARY KEY, address BLOB NOT NULL, port INTEGER NOT NULL)"
                + " WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS stored (key BLOB NOT NULL, id INTEGER NOT NULL, seq INTEGER NOT NULL,"
                + " data BLOB NOT NULL, content_type TEXT NOT NULL, ttl_ms INTEGER NOT NULL,"
                + " created_ms INTEGER NOT NULL, owner BLOB, signature BLOB, recipient BLOB,"
                + " source BLOB NOT NULL, expires_ms INTEGER NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID",
    };

    private StateDatabase() {
    }

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
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
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
                if (version != 0 && version != SCHEMA_VERSION) {
                    throw new CorruptStateException("schema version " + version + ", this rdht reads "
                            + SCHEMA_VERSION, null);
                }
                for (String table : SCHEMA) {
                    s.execute(table);
                }
                s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
            }
            c.setAutoCommit(false);
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
