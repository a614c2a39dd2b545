package io.rdht.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import io.rdht.core.state.SavedValue;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The value log: replayed in the order the changes were made, compacted to its live values, and what older files become. */
class ValueLogTest {

    private static final InfoHash KEY = InfoHash.of("value log");
    private static final long HOUR_MILLIS = 3_600_000;
    private static final long EXPIRY = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void changesCommittedApartAreReplayedWithTheLastChangeOfEachValueWinning() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir, Clock.systemUTC(), HOUR_MILLIS)) {
            store.saveValue(saved(1, 1, "one"));
            store.saveValue(saved(2, 1, "two"));
            durable(store);
            store.removeValue(KEY, ValueIdentity.unsigned(1));
            store.saveValue(saved(3, 1, "three"));
            durable(store);
            store.saveValue(saved(1, 2, "one again"));
            store.removeValue(KEY, ValueIdentity.unsigned(3));
            durable(store);
            assertThat(query("SELECT count(*) FROM value_log"))
                    .as("one row per commit")
                    .isEqualTo(3);
            assertThat(query("SELECT sum(changes) FROM value_log")).isEqualTo(6);
        }
        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved().values())
                    .extracting(v -> v.value().id() + ":" + v.value().seq() + ":"
                            + v.value().dataAsText())
                    .containsExactly("2:1:two", "1:2:one again");
        }
    }

    @Test
    void theLogIsCompactedToItsLiveValuesOnceItHoldsTheBound() throws Exception {
        int live = 10;
        int batches = ValueLog.MIN_COMPACTION / live;
        try (Connection c = StateDatabase.open(dir.resolve(SqliteStateStore.DATABASE))) {
            ValueLog log = new ValueLog(c, ValueLog.Contents.empty());
            for (int seq = 1; seq <= batches; seq++) {
                log.append(edits(live, seq));
            }
            c.commit();
            assertThat(ValueLog.read(c).changes())
                    .as("changes under the bound of " + ValueLog.MIN_COMPACTION)
                    .isEqualTo((long) batches * live);

            log.append(edits(live, batches + 1));
            c.commit();

            ValueLog.Contents after = ValueLog.read(c);
            assertThat(after.changes()).as("the live values alone, once each").isEqualTo(live);
            assertThat(after.values())
                    .allSatisfy(v -> assertThat(v.value().seq()).isEqualTo(batches + 1));
            c.commit();
        }
        assertThat(query("SELECT count(*) FROM value_log"))
                .as("rows after the compaction")
                .isEqualTo(1);
    }

    @Test
    void aVersionThreeStateIsUpgradedWithTheChangesLeftInItsLogFoldedIn() throws Exception {
        // what rdht 0.1's schema 3 left after a kill between two folds: values in `stored`, changes in `pending`
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStateStore.DATABASE));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID");
            s.execute("CREATE TABLE contact (id BLOB PRIMARY KEY, address BLOB NOT NULL, port INTEGER NOT NULL)"
                    + " WITHOUT ROWID");
            s.execute(
                    "CREATE TABLE stored (key BLOB NOT NULL, id INTEGER NOT NULL, seq INTEGER NOT NULL,"
                            + " data BLOB NOT NULL, content_type TEXT NOT NULL, ttl_ms INTEGER NOT NULL,"
                            + " created_ms INTEGER NOT NULL, owner BLOB NOT NULL, signature BLOB, recipient BLOB,"
                            + " source BLOB NOT NULL, expires_ms INTEGER NOT NULL, PRIMARY KEY (key, id, owner)) WITHOUT ROWID");
            s.execute("CREATE TABLE pending (at INTEGER PRIMARY KEY, removed INTEGER NOT NULL, key BLOB NOT NULL,"
                    + " id INTEGER NOT NULL, owner BLOB NOT NULL, seq INTEGER, data BLOB, content_type TEXT,"
                    + " ttl_ms INTEGER, created_ms INTEGER, signature BLOB, recipient BLOB, source BLOB,"
                    + " expires_ms INTEGER)");
            s.execute("INSERT INTO meta VALUES ('node_id', x'"
                    + InfoHash.of("old node").toHex() + "')");
            for (int id : new int[] {7, 9}) {
                s.execute("INSERT INTO stored VALUES (x'" + KEY.toHex() + "', " + id + ", 0, x'61', 'text/plain',"
                        + " 1000, 0, x'', NULL, NULL, x'7f000001', " + EXPIRY + ")");
            }
            for (String change : new String[] {
                "(0, 1, 1, x'61')", "(0, 2, 1, x'62')", "(1, 1, NULL, NULL)", "(0, 2, 2, x'63')", "(1, 9, NULL, NULL)"
            }) {
                s.execute("INSERT INTO pending (removed, id, seq, data, key, owner, content_type, ttl_ms, created_ms,"
                        + " source, expires_ms) SELECT column1, column2, column3, column4, x'" + KEY.toHex()
                        + "', x'', 'text/plain', 1000, 0, x'7f000001', " + EXPIRY + " FROM (VALUES " + change + ")");
            }
            s.execute("PRAGMA user_version=3");
        }

        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved().nodeId()).contains(InfoHash.of("old node"));
            assertThat(store.saved().values())
                    .extracting(v -> v.value().id() + ":" + v.value().seq() + ":"
                            + v.value().dataAsText())
                    .containsExactlyInAnyOrder("7:0:a", "2:2:c");
        }
        assertThat(query("SELECT count(*) FROM sqlite_schema WHERE name IN ('stored', 'pending')"))
                .as("the old tables, dropped")
                .isZero();
        assertThat(query("PRAGMA user_version")).isEqualTo(StateDatabase.SCHEMA_VERSION);
    }

    private static List<Change> edits(int values, long seq) throws IOException {
        List<Change> edits = new ArrayList<>();
        for (int id = 1; id <= values; id++) {
            edits.add(new Change.Save(saved(id, seq, "edit " + seq)));
        }
        return edits;
    }

    private static void durable(SqliteStateStore store) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        store.whenDurable(done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).as("commit done").isTrue();
    }

    private static SavedValue saved(long id, long seq, String text) throws IOException {
        return new SavedValue(
                KEY, Value.builder().id(id).seq(seq).text(text).build(), InetAddress.getByName("127.0.0.1"), EXPIRY);
    }

    private long query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStateStore.DATABASE));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
