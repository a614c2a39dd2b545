package io.rdht.store;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.state.SavedState;
import io.rdht.core.state.SavedValue;
import io.rdht.core.wire.WireLimits;
import io.rdht.crypto.PublicKey;
import io.rdht.crypto.RecipientKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a saved state back, with bounds: at most {@link #MAX_VALUES} values and
 * {@link #MAX_CONTACTS} contacts, and only rows whose fields fit a value's own limits, so that a
 * tampered file cannot make the node allocate more than a full storage would. A row that breaks a
 * limit or does not make a valid value is skipped, counted and logged.
 */
final class StateReader {

    private static final Logger log = LoggerFactory.getLogger(StateReader.class);

    /** Most values read back: far above what a node's storage limits let it hold. */
    static final int MAX_VALUES = 1_000_000;
    /** Most contacts read back. */
    static final int MAX_CONTACTS = 1024;

    private StateReader() {}

    /**
     * The state in the database.
     *
     * @throws CorruptStateException if SQLite cannot read it
     */
    static SavedState read(Connection c) throws CorruptStateException {
        try (Statement s = c.createStatement()) {
            SavedState state = new SavedState(nodeId(s), contacts(s), values(s));
            c.commit();
            return state;
        } catch (SQLException e) {
            throw new CorruptStateException(String.valueOf(e.getMessage()), e);
        }
    }

    private static Optional<InfoHash> nodeId(Statement s) throws SQLException {
        try (ResultSet rs =
                s.executeQuery("SELECT value FROM meta WHERE name = 'node_id' AND length(value) = " + InfoHash.BYTES)) {
            return rs.next() ? Optional.of(InfoHash.fromBytes(rs.getBytes(1))) : Optional.empty();
        }
    }

    private static List<NodeInfo> contacts(Statement s) throws SQLException {
        List<NodeInfo> contacts = new ArrayList<>();
        int skipped = 0;
        try (ResultSet rs = s.executeQuery("SELECT id, address, port FROM contact WHERE length(id) = "
                + InfoHash.BYTES + " AND length(address) IN (4, 16) AND port BETWEEN 1 AND 65535 LIMIT "
                + MAX_CONTACTS)) {
            while (rs.next()) {
                try {
                    contacts.add(new NodeInfo(
                            InfoHash.fromBytes(rs.getBytes(1)),
                            new InetSocketAddress(InetAddress.getByAddress(rs.getBytes(2)), rs.getInt(3))));
                } catch (UnknownHostException | IllegalArgumentException e) {
                    skipped++;
                }
            }
        }
        if (skipped > 0) {
            log.warn("skipped {} saved contacts that are not valid", skipped);
        }
        return contacts;
    }

    private static List<SavedValue> values(Statement s) throws SQLException {
        List<SavedValue> values = new ArrayList<>();
        int skipped = 0;
        String fits = "length(key) = " + InfoHash.BYTES + " AND length(data) <= " + Value.MAX_DATA_BYTES
                + " AND length(content_type) <= " + WireLimits.MAX_CONTENT_TYPE
                + " AND length(owner) IN (0, " + PublicKey.LENGTH + ")"
                + " AND (signature IS NULL OR length(signature) = " + PublicKey.SIGNATURE_LENGTH + ")"
                + " AND (recipient IS NULL OR length(recipient) = " + RecipientKey.LENGTH + ")"
                + " AND length(source) IN (4, 16)";
        try (ResultSet rs = s.executeQuery("SELECT key, id, seq, data, content_type, ttl_ms, created_ms, owner,"
                + " signature, recipient, source, expires_ms FROM stored WHERE " + fits + " LIMIT " + MAX_VALUES)) {
            while (rs.next()) {
                try {
                    values.add(value(rs));
                } catch (UnknownHostException | IllegalArgumentException | ArithmeticException e) {
                    skipped++;
                }
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM stored WHERE NOT (" + fits + ")")) {
            skipped += rs.next() ? rs.getInt(1) : 0;
        }
        if (skipped > 0) {
            log.warn("skipped {} saved values that are not valid", skipped);
        }
        return values;
    }

    private static SavedValue value(ResultSet rs) throws SQLException, UnknownHostException {
        Value value = Value.builder()
                .id(rs.getLong(2))
                .seq(rs.getLong(3))
                .data(orEmpty(rs.getBytes(4)))
                .contentType(rs.getString(5))
                .ttl(Duration.ofMillis(rs.getLong(6)))
                .created(Instant.ofEpochMilli(rs.getLong(7)))
                .owner(StateDatabase.ownerOf(rs.getBytes(8)))
                .signature(rs.getBytes(9))
                .recipient(rs.getBytes(10))
                .build();
        return new SavedValue(
                InfoHash.fromBytes(rs.getBytes(1)), value, InetAddress.getByAddress(rs.getBytes(11)), rs.getLong(12));
    }

    /** SQLite hands back an empty blob as null. */
    private static byte[] orEmpty(byte[] bytes) {
        return bytes == null ? new byte[0] : bytes;
    }
}
