package io.rdht.store;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.state.SavedValue;
import io.rdht.core.wire.WireLimits;
import io.rdht.crypto.PublicKey;
import io.rdht.crypto.RecipientKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the values of a state of schema version 2 or 3, which kept one row per value in table
 * {@code stored}, for the upgrade to the value log. Only rows whose fields fit a value's own
 * limits are read; a row that breaks a limit or does not make a valid value is skipped, counted and
 * logged.
 */
final class TableValues {

    private static final Logger log = LoggerFactory.getLogger(TableValues.class);

    private TableValues() {}

    /** The values of table {@code stored}, at most {@link ValueLog#MAX_VALUES}. */
    static List<SavedValue> read(Statement s) throws SQLException {
        List<SavedValue> values = new ArrayList<>();
        int skipped = 0;
        String fits = "length(key) = " + InfoHash.BYTES + " AND length(data) <= " + Value.MAX_DATA_BYTES
                + " AND length(content_type) <= " + WireLimits.MAX_CONTENT_TYPE
                + " AND length(owner) IN (0, " + PublicKey.LENGTH + ")"
                + " AND (signature IS NULL OR length(signature) = " + PublicKey.SIGNATURE_LENGTH + ")"
                + " AND (recipient IS NULL OR length(recipient) = " + RecipientKey.LENGTH + ")"
                + " AND length(source) IN (4, 16)";
        try (ResultSet rs = s.executeQuery("SELECT key, id, seq, data, content_type, ttl_ms, created_ms, owner,"
                + " signature, recipient, source, expires_ms FROM stored WHERE " + fits + " LIMIT "
                + ValueLog.MAX_VALUES)) {
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
