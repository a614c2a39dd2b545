package io.rdht.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import io.rdht.core.sign.ValueSigner;
import io.rdht.core.state.SavedState;
import io.rdht.core.state.SavedValue;
import io.rdht.crypto.Identity;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateStoreTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final long ID = 0x5eed;
    private static final long HOUR_MILLIS = 3_600_000;
    private static final long EXPIRY = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void everythingSavedComesBackWhenTheStateIsOpenedAgain() throws Exception {
        InfoHash id = InfoHash.of("node");
        NodeInfo contact = new NodeInfo(InfoHash.of("contact"), new InetSocketAddress("127.0.0.1", 4242));
        NodeInfo contact6 = new NodeInfo(InfoHash.of("contact6"), new InetSocketAddress("::1", 4243));
        Value signedLooking = Value.builder()
                .id(7)
                .seq(3)
                .data(new byte[] {1, 2, 3})
                .contentType("application/cbor")
                .ttl(Duration.ofHours(2))
                .created(Instant.ofEpochMilli(1_700_000_000_123L))
                .owner(bytes(32, 1))
                .signature(bytes(64, 2))
                .recipient(bytes(32, 3))
                .build();
        Value empty = Value.builder().id(8).data(new byte[0]).build();
        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved()).isEqualTo(SavedState.empty());
            store.saveNodeId(id);
            store.saveContacts(List.of(contact, contact6));
            store.saveValue(new SavedValue(KEY, signedLooking, InetAddress.getByName("10.0.0.1"), EXPIRY));
            store.saveValue(new SavedValue(KEY, empty, InetAddress.getByName("::1"), EXPIRY + 1));
            store.saveValue(new SavedValue(
                    KEY, Value.builder().id(9).text("gone").build(), InetAddress.getByName("10.0.0.1"), EXPIRY));
            store.removeValue(KEY, ValueIdentity.unsigned(9));
        }

        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            SavedState saved = store.saved();
            assertThat(saved.nodeId()).contains(id);
            assertThat(saved.contacts()).containsExactlyInAnyOrder(contact, contact6);
            assertThat(saved.values())
                    .containsExactlyInAnyOrder(
                            new SavedValue(KEY, signedLooking, InetAddress.getByName("10.0.0.1"), EXPIRY),
                            new SavedValue(KEY, empty, InetAddress.getByName("::1"), EXPIRY + 1));
            SavedValue back = saved.values().stream()
                    .filter(v -> v.value().id() == 7)
                    .findFirst()
                    .orElseThrow();
            assertThat(back.value().sameContentAs(signedLooking))
                    .as("every field the signature covers")
                    .isTrue();
            assertThat(back.value().owner()).isEqualTo(signedLooking.owner());
            assertThat(back.value().signature()).isEqualTo(signedLooking.signature());
            assertThat(back.value().recipient()).isEqualTo(signedLooking.recipient());
        }
    }

    @Test
    void valuesWithOneIdButDifferentOwnersAreKeptSideBySideAndRemovedOneByOne() throws Exception {
        Identity victim = Identity.generate();
        Identity attacker = Identity.generate();
        SavedValue victims = saved(signedBy(victim, "victim's"), "10.0.0.1");
        SavedValue attackers = saved(signedBy(attacker, "attacker's"), "10.0.0.2");
        SavedValue unsigned =
                saved(Value.builder().id(ID).seq(9).text("unsigned").build(), "10.0.0.3");
        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            store.saveValue(victims);
            store.saveValue(attackers);
            store.saveValue(unsigned);
        }

        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved().values()).containsExactlyInAnyOrder(victims, attackers, unsigned);
            assertThat(store.saved().values())
                    .extracting(v -> v.value().identity())
                    .doesNotHaveDuplicates()
                    .contains(ValueIdentity.unsigned(ID));
            store.removeValue(KEY, attackers.value().identity());
            store.removeValue(KEY, ValueIdentity.unsigned(ID));
        }

        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved().values()).singleElement().satisfies(v -> {
                assertThat(v).isEqualTo(victims);
                assertThat(v.value().owner()).isEqualTo(victim.publicKey().toBytes());
            });
        }
    }

    @Test
    void aVersionOneStateIsMigratedWithItsNodeIdAndValues() throws Exception {
        byte[] owner = bytes(32, 5);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStateStore.DATABASE));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID");
            s.execute("CREATE TABLE contact (id BLOB PRIMARY KEY, address BLOB NOT NULL, port INTEGER NOT NULL)"
                    + " WITHOUT ROWID");
            s.execute("CREATE TABLE stored (key BLOB NOT NULL, id INTEGER NOT NULL, seq INTEGER NOT NULL,"
                    + " data BLOB NOT NULL, content_type TEXT NOT NULL, ttl_ms INTEGER NOT NULL,"
                    + " created_ms INTEGER NOT NULL, owner BLOB, signature BLOB, recipient BLOB,"
                    + " source BLOB NOT NULL, expires_ms INTEGER NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID");
            s.execute("INSERT INTO meta VALUES ('node_id', x'"
                    + InfoHash.of("old node").toHex() + "')");
            s.execute("INSERT INTO stored VALUES (x'" + KEY.toHex() + "', 1, 0, x'61', 'text/plain', 1000, 0,"
                    + " NULL, NULL, NULL, x'7f000001', " + EXPIRY + ")");
            s.execute("INSERT INTO stored VALUES (x'" + KEY.toHex() + "', 2, 0, x'62', 'text/plain', 1000, 0,"
                    + " x'" + HexFormat.of().formatHex(owner) + "', x'"
                    + HexFormat.of().formatHex(bytes(64, 6))
                    + "', NULL, x'7f000001', " + EXPIRY + ")");
            s.execute("PRAGMA user_version=1");
        }

        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved().nodeId()).contains(InfoHash.of("old node"));
            assertThat(store.saved().values())
                    .extracting(v -> v.value().identity())
                    .containsExactlyInAnyOrder(ValueIdentity.unsigned(1), new ValueIdentity(2, owner));
            store.saveValue(saved(
                    Value.builder()
                            .id(1)
                            .owner(owner)
                            .signature(bytes(64, 7))
                            .text("c")
                            .build(),
                    "127.0.0.1"));
        }
        assertThat(aside()).isEmpty();
        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved().values())
                    .as("id 1 of an owner beside the unsigned id 1")
                    .hasSize(3);
        }
    }

    @Test
    void aChangeIsInTheDatabaseFileBeforeItsDurabilityTaskRuns() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            store.saveValue(new SavedValue(
                    KEY,
                    Value.builder().id(1).text("acknowledged").build(),
                    InetAddress.getByName("127.0.0.1"),
                    EXPIRY));
            CountDownLatch durable = new CountDownLatch(1);
            long[] rowsSeen = {-1};
            store.whenDurable(() -> {
                rowsSeen[0] = rowsInAnotherConnection();
                durable.countDown();
            });
            assertThat(durable.await(10, TimeUnit.SECONDS))
                    .as("durability task ran")
                    .isTrue();
            assertThat(rowsSeen[0])
                    .as("rows a second connection sees when the put would be acknowledged")
                    .isEqualTo(1);
        }
    }

    @Test
    void aChangeIsCommittedWithinTheBatchWindowWithoutBeingAskedTo() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            store.saveValue(saved(1, "acknowledged"));
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .untilAsserted(() -> assertThat(rowsInAnotherConnection())
                            .as("rows another connection sees, a batch window after the change")
                            .isEqualTo(1));
        }
    }

    @Test
    void aDurabilityTaskEndsTheBatchWindowAtOnce() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir, Clock.systemUTC(), HOUR_MILLIS)) {
            store.saveValue(saved(1, "acknowledged"));
            CountDownLatch durable = new CountDownLatch(1);
            store.whenDurable(durable::countDown);
            assertThat(durable.await(10, TimeUnit.SECONDS))
                    .as("durability task ran, in a store whose batch window is an hour")
                    .isTrue();
            assertThat(rowsInAnotherConnection()).isEqualTo(1);
        }
    }

    @Test
    void aFullBatchIsCommittedBeforeItsWindowEnds() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir, Clock.systemUTC(), HOUR_MILLIS)) {
            for (int i = 1; i <= StateWriter.MAX_BATCH; i++) {
                store.saveValue(saved(i, "value " + i));
            }
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(rowsInAnotherConnection())
                            .as("rows committed, in a store whose batch window is an hour")
                            .isEqualTo(StateWriter.MAX_BATCH));
        }
    }

    @Test
    void editsOfOneValueInABatchLeaveItsLastVersion() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir, Clock.systemUTC(), HOUR_MILLIS)) {
            for (int seq = 1; seq <= 5; seq++) {
                store.saveValue(new SavedValue(
                        KEY,
                        Value.builder().id(ID).seq(seq).text("edit " + seq).build(),
                        InetAddress.getByName("127.0.0.1"),
                        EXPIRY));
            }
            store.saveValue(saved(2, "removed"));
            store.removeValue(KEY, ValueIdentity.unsigned(2));
        }
        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved().values())
                    .singleElement()
                    .satisfies(v -> assertThat(v.value().seq()).isEqualTo(5));
        }
    }

    @Test
    void garbageInTheStateFileIsMovedAsideAndTheNodeStartsFresh() throws Exception {
        byte[] garbage = new byte[10_000];
        new SplittableRandom(1).nextBytes(garbage);
        Files.write(dir.resolve(SqliteStateStore.DATABASE), garbage);

        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved()).isEqualTo(SavedState.empty());
        }
        assertThat(aside())
                .singleElement()
                .satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(garbage));
    }

    @Test
    void truncatedStateFileIsMovedAsideAndTheNodeStartsFresh() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            store.saveNodeId(InfoHash.of("node"));
            for (int i = 1; i <= 2000; i++) {
                store.saveValue(new SavedValue(
                        InfoHash.of("key " + i),
                        Value.builder().id(i).data(bytes(300, i)).build(),
                        InetAddress.getByName("127.0.0.1"),
                        EXPIRY));
            }
        }
        Path file = dir.resolve(SqliteStateStore.DATABASE);
        long size = Files.size(file);
        assertThat(size).as("database size").isGreaterThan(100_000);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size / 2);
        }

        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved()).isEqualTo(SavedState.empty());
            store.saveNodeId(InfoHash.of("fresh"));
        }
        assertThat(aside()).hasSize(1);
        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved().nodeId()).as("the fresh state works").contains(InfoHash.of("fresh"));
        }
    }

    @Test
    void batchesAndValuesBeyondTheirLimitsAreSkippedAndTheOthersRead() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            store.saveValue(saved(1, "fine"));
        }
        ChangeCodec valid = new ChangeCodec();
        valid.save(saved(2, "after the bad rows"));
        byte[] goodBatch = valid.take();
        ChangeCodec codec = new ChangeCodec();
        codec.save(saved(3, "cut short"));
        byte[] cutShort = Arrays.copyOf(codec.take(), 40);
        codec.save(saved(4, "data over its limit"));
        byte[] overLimit = codec.take();
        // the data's length field follows the tag, key, id, owner length and seq: 1 + 1 + 20 + 8 + 1 + 8
        ByteBuffer.wrap(overLimit).putInt(39, Value.MAX_DATA_BYTES + 1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStateStore.DATABASE));
                PreparedStatement insert = c.prepareStatement("INSERT INTO value_log (changes, batch) VALUES (1, ?)");
                Statement s = c.createStatement()) {
            for (byte[] batch : List.of(
                    cutShort, overLimit, new byte[] {9, 9, 9}, new byte[ValueLog.MAX_ROW_BYTES + 1], goodBatch)) {
                insert.setBytes(1, batch);
                insert.executeUpdate();
            }
            s.executeUpdate("INSERT INTO contact VALUES (x'" + KEY.toHex() + "', x'0102', 4242)");
        }

        try (SqliteStateStore store = SqliteStateStore.open(dir)) {
            assertThat(store.saved().values())
                    .extracting(v -> v.value().dataAsText())
                    .containsExactly("fine", "after the bad rows");
            assertThat(store.saved().contacts()).isEmpty();
        }
        assertThat(aside())
                .as("bad rows are skipped, not a reason to start fresh")
                .isEmpty();
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefusedWithTheDirectoryNamed() {
        try (SqliteStateStore first = SqliteStateStore.open(dir)) {
            assertThatThrownBy(() -> SqliteStateStore.open(dir))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("in use");
        }
        SqliteStateStore.open(dir).close();
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAnErrorNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> SqliteStateStore.open(file.resolve("state")))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("a-file");
    }

    private static SavedValue saved(long id, String text) throws IOException {
        return new SavedValue(
                KEY, Value.builder().id(id).text(text).build(), InetAddress.getByName("127.0.0.1"), EXPIRY);
    }

    /**
     * The value changes another connection sees committed in the value log (the tests that ask
     * neither remove nor save a value twice, so one change per value).
     */
    private long rowsInAnotherConnection() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStateStore.DATABASE));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(sum(changes), 0) FROM value_log")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private List<Path> aside() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("state\\.db\\.broken-\\d{8}T\\d{6}Z"))
                    .toList();
        }
    }

    private static Value signedBy(Identity identity, String text) {
        Value unsigned = Value.builder()
                .id(ID)
                .seq(1)
                .text(text)
                .created(Instant.ofEpochMilli(EXPIRY - 60_000))
                .build();
        return ValueSigner.sign(KEY, unsigned, identity);
    }

    private static SavedValue saved(Value value, String source) throws IOException {
        return new SavedValue(KEY, value, InetAddress.getByName(source), EXPIRY);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
