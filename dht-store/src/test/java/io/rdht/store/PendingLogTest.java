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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log of pending value changes: folded into the stored values in the order the changes were made. */
class PendingLogTest {

    private static final InfoHash KEY = InfoHash.of("pending");
    private static final long HOUR_MILLIS = 3_600_000;
    private static final long EXPIRY = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void changesCommittedApartAreFoldedWithTheLastChangeOfEachValueWinning() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir, Clock.systemUTC(), HOUR_MILLIS, 5)) {
            store.saveValue(saved(1, 1, "one"));
            store.saveValue(saved(2, 1, "two"));
            durable(store);
            store.removeValue(KEY, ValueIdentity.unsigned(1));
            store.saveValue(saved(3, 1, "three"));
            durable(store);
            assertThat(rows("pending"))
                    .as("four changes logged, under the fold's five")
                    .isEqualTo(4);
            store.saveValue(saved(1, 2, "one again"));
            store.removeValue(KEY, ValueIdentity.unsigned(3));
            durable(store);
            assertThat(rows("pending"))
                    .as("the log, folded at its sixth change")
                    .isZero();
            assertThat(rows("stored")).as("ids 1 (saved again) and 2").isEqualTo(2);
        }
        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved().values())
                    .extracting(v -> v.value().id() + ":" + v.value().seq())
                    .containsExactlyInAnyOrder("1:2", "2:1");
        }
    }

    @Test
    void aLogLeftUnfoldedIsFoldedWhenTheStateIsOpened() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            store.saveValue(saved(9, 1, "stored before"));
        }
        // what a node killed between two folds leaves: changes in the log only
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStateStore.DATABASE));
                Statement s = c.createStatement()) {
            for (String change : new String[] {
                "(0, 1, 1, x'61')", "(0, 2, 1, x'62')", "(1, 1, NULL, NULL)", "(0, 2, 2, x'63')", "(1, 9, NULL, NULL)"
            }) {
                s.execute("INSERT INTO pending (removed, id, seq, data, key, owner, content_type, ttl_ms, created_ms,"
                        + " source, expires_ms) SELECT column1, column2, column3, column4, x'" + KEY.toHex()
                        + "', x'', 'text/plain', 1000, 0, x'7f000001', " + EXPIRY + " FROM (VALUES " + change + ")");
            }
        }

        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved().values()).singleElement().satisfies(v -> {
                assertThat(v.value().id()).isEqualTo(2);
                assertThat(v.value().seq()).isEqualTo(2);
                assertThat(v.value().data()).containsExactly('c');
            });
        }
        assertThat(rows("pending")).as("the log after the fold at open").isZero();
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

    private long rows(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStateStore.DATABASE));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
