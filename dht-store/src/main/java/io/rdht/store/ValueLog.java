package io.rdht.store;

import io.rdht.core.InfoHash;
import io.rdht.core.ValueIdentity;
import io.rdht.core.state.SavedValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values a node stores for others, as a log of batches of changes: table {@code value_log(at,
 * changes, batch)}, one row per committed batch ({@code changes} changes in {@code batch}, see
 * {@link ChangeCodec}), in the order {@code at}. The state is the log replayed: the last change
 * of each value (key and identity) wins, and a removal forgets it. A commit appends one row
 * whatever the number of values in it, so saving a value costs its bytes, not a table's index.
 *
 * <p>The log is compacted when it holds at least {@value #MIN_COMPACTION} changes and
 * {@value #GROWTH} times as many as the live values it held after the last compaction: the live
 * values are written again as fresh batches and every older row deleted, in the transaction of the
 * batch that reached the bound. So the log holds at most about {@value #GROWTH} times the live
 * values (plus {@value #MIN_COMPACTION} changes), and a compaction rewrites one value for every two
 * changes made since the one before.
 */
final class ValueLog {

    private static final Logger log = LoggerFactory.getLogger(ValueLog.class);

    /** The table. */
    static final String TABLE = "CREATE TABLE IF NOT EXISTS value_log (at INTEGER PRIMARY KEY,"
            + " changes INTEGER NOT NULL, batch BLOB NOT NULL)";
    /** Fewest changes in the log that are worth a compaction. */
    static final int MIN_COMPACTION = 4096;
    /** How many times the live values the log may grow to before a compaction. */
    static final int GROWTH = 3;
    /** Bytes after which a batch is cut into another row. */
    static final int ROW_BYTES = 1 << 20;
    /** Longest row read back: a row holds at most {@link #ROW_BYTES} and one more value. */
    static final int MAX_ROW_BYTES = 2 * ROW_BYTES;
    /** Most live values read back: far above what a node's storage limits let it hold. */
    static final int MAX_VALUES = 1_000_000;

    private final Connection connection;
    private final PreparedStatement append;
    private final ChangeCodec codec = new ChangeCodec();
    private long changes;
    private long compactAt;

    /**
     * A writer of the log on {@code connection}, whose log held {@code contents} when opened.
     */
    ValueLog(Connection connection, Contents contents) throws SQLException {
        this.connection = connection;
        this.append = connection.prepareStatement("INSERT INTO value_log (changes, batch) VALUES (?, ?)");
        this.changes = contents.changes();
        this.compactAt = compactionBound(contents.values().size());
    }

    /** Appends {@code batch} (saves and removals) to the log, compacting it if it reached its bound. */
    void append(List<Change> batch) throws SQLException {
        for (Change change : batch) {
            switch (change) {
                case Change.Save s -> codec.save(s.value());
                case Change.Remove r -> codec.remove(r.key(), r.identity());
                default -> throw new IllegalArgumentException("not a value change: " + change);
            }
            if (codec.size() >= ROW_BYTES) {
                writeRow();
            }
        }
        writeRow();
        if (changes >= compactAt) {
            compact();
        }
    }

    /**
     * Rewrites the log as its live values alone: the bytes of each value's last save, copied as
     * they are (a value is checked when the log is read, not here). A row the reader would skip
     * from some point on is copied up to there.
     */
    void compact() throws SQLException {
        Map<Slot, Mark> live = new LinkedHashMap<>();
        long before = changes;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT batch FROM value_log WHERE length(batch) <= " + MAX_ROW_BYTES + " ORDER BY at")) {
            while (rs.next()) {
                byte[] batch = rs.getBytes(1);
                try {
                    ChangeCodec.skim(batch, (slot, save, from, to) -> {
                        live.remove(slot);
                        if (save) {
                            live.put(slot, new Mark(batch, from, to));
                        }
                    });
                } catch (ChangeCodec.FormatException e) {
                    // the changes before the fault are in `live`; the reader skips the rest too
                }
            }
        }
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM value_log");
        }
        changes = 0;
        for (Mark m : live.values()) {
            codec.copy(m.batch(), m.from(), m.to());
            if (codec.size() >= ROW_BYTES) {
                writeRow();
            }
        }
        writeRow();
        compactAt = compactionBound(live.size());
        log.debug("value log compacted: {} changes to {} live values", before, live.size());
    }

    /** Appends {@code saved} to the log, as saves. */
    void write(Collection<SavedValue> saved) throws SQLException {
        for (SavedValue v : saved) {
            codec.save(v);
            if (codec.size() >= ROW_BYTES) {
                writeRow();
            }
        }
        writeRow();
    }

    private void writeRow() throws SQLException {
        int n = codec.changes();
        if (n == 0) {
            return;
        }
        append.setInt(1, n);
        append.setBytes(2, codec.take());
        append.executeUpdate();
        changes += n;
    }

    private static long compactionBound(int live) {
        return Math.max(MIN_COMPACTION, (long) GROWTH * live);
    }

    /**
     * The log replayed: its live values in the order they were last saved, and how many changes it
     * holds. A row longer than {@link #MAX_ROW_BYTES}, or not in {@link ChangeCodec}'s format from
     * some change on, is skipped from there, and a change that makes no valid value is skipped
     * alone; each is counted and logged. Past {@link #MAX_VALUES} live values, later new ones are
     * skipped.
     */
    static Contents read(Connection c) throws SQLException {
        Replay replay = new Replay();
        int badRows = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT batch, length(batch) FROM value_log ORDER BY at")) {
            while (rs.next()) {
                if (rs.getLong(2) > MAX_ROW_BYTES) {
                    badRows++;
                    continue;
                }
                try {
                    ChangeCodec.read(rs.getBytes(1), replay);
                } catch (ChangeCodec.FormatException e) {
                    badRows++;
                    log.warn(
                            "a batch of the saved values is unreadable from some change on ({}); skipped",
                            e.getMessage());
                }
            }
        }
        if (badRows > 0 || replay.invalid > 0 || replay.overLimit > 0) {
            log.warn(
                    "skipped saved values: {} unreadable batches, {} invalid values, {} over the limit of {}",
                    badRows,
                    replay.invalid,
                    replay.overLimit,
                    MAX_VALUES);
        }
        return new Contents(List.copyOf(replay.live.values()), replay.changes);
    }

    /**
     * What the log holds.
     *
     * @param values  the live values
     * @param changes the changes in the log, live or superseded
     */
    record Contents(List<SavedValue> values, long changes) {

        /** An empty log. */
        static Contents empty() {
            return new Contents(List.of(), 0);
        }
    }

    /** Where the bytes of one change are. */
    private record Mark(byte[] batch, int from, int to) {}

    /** Replays changes in order: the last of each value wins. */
    private static final class Replay implements ChangeCodec.Sink {
        private final Map<Slot, SavedValue> live = new LinkedHashMap<>();
        private long changes;
        private int invalid;
        private int overLimit;

        @Override
        public void saved(SavedValue value) {
            changes++;
            Slot slot = new Slot(value.key(), value.value().identity());
            // remove first, so that the value takes the place of its last save
            boolean known = live.remove(slot) != null;
            if (known || live.size() < MAX_VALUES) {
                live.put(slot, value);
            } else {
                overLimit++;
            }
        }

        @Override
        public void removed(InfoHash key, ValueIdentity identity) {
            changes++;
            live.remove(new Slot(key, identity));
        }

        @Override
        public void invalid() {
            changes++;
            invalid++;
        }
    }
}
