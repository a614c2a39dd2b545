package io.rdht.store;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.state.SavedState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a saved state back, with bounds: at most {@link #MAX_CONTACTS} contacts, and values as
 * {@link ValueLog#read} bounds them, so that a tampered file cannot make the node allocate more than
 * a full storage would. What breaks a limit or does not make a valid value is skipped, counted and
 * logged.
 */
final class StateReader {

    private static final Logger log = LoggerFactory.getLogger(StateReader.class);

    /** Most contacts read back. */
    static final int MAX_CONTACTS = 1024;

    private StateReader() {}

    /**
     * The state in the database, and what its value log holds.
     *
     * @throws CorruptStateException if SQLite cannot read it
     */
    static Read read(Connection c) throws CorruptStateException {
        try (Statement s = c.createStatement()) {
            ValueLog.Contents values = ValueLog.read(c);
            SavedState state = new SavedState(nodeId(s), contacts(s), values.values());
            c.commit();
            return new Read(state, values);
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

    /**
     * A state read back.
     *
     * @param state  the node id, contacts and live values
     * @param values what the value log held, for its writer
     */
    record Read(SavedState state, ValueLog.Contents values) {}
}
