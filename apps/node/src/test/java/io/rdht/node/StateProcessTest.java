package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console node with a state directory, killed with SIGKILL and started again: same id, every
 * value it had acknowledged served again, and back in the network through its saved contacts when
 * its bootstrap node is gone.
 */
class StateProcessTest extends ProcessTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Pattern ID = Pattern.compile("^node ([0-9a-f]{40}) listening on");
    private static final int KEYS = 10;
    private static final int VALUES_PER_KEY = 10;

    @TempDir
    Path state;

    @Test
    void nodeKilledWithSigkillComesBackWithItsIdValuesAndContacts() throws Exception {
        RdhtProcess bootstrap = track(RdhtProcess.console(config));
        String bootstrapAddress = bootstrap.address(START);
        RdhtProcess storer = startStorer(bootstrapAddress);
        String id = idOf(storer);
        assertThat(storer.awaitLine(l -> l.startsWith("state in "), STEP)).isEqualTo("state in " + state + " (new)");
        RdhtProcess putter = track(RdhtProcess.console(config, bootstrapAddress));
        String putterAddress = putter.address(START);

        for (int i = 0; i < KEYS * VALUES_PER_KEY; i++) {
            putter.send("p key" + (i % KEYS) + " value " + i);
        }
        awaitLines(putter, "stored ", KEYS * VALUES_PER_KEY);
        assertThat(putter.stdout().lines().filter(l -> l.startsWith("stored ")))
                .as("every put acknowledged by all three nodes, the storer among them")
                .allMatch(l -> l.endsWith(" on 3 nodes"));
        // the storer saves its contacts when they change, checked every 2 s: wait for the putter's
        await().atMost(STEP).until(() -> savedRows("contact", "count(*)") >= 2);
        // an acknowledged value is durable within the store's batch window (a tenth of a second): a
        // change in the value log (each put here is a new value, so a change is one value)
        await().atMost(STEP).until(() -> savedRows("value_log", "sum(changes)") == KEYS * VALUES_PER_KEY);

        storer.kill();
        bootstrap.kill();
        RdhtProcess again = startStorer(bootstrapAddress);

        assertThat(idOf(again)).as("node id after the restart").isEqualTo(id);
        assertThat(again.awaitLine(l -> l.startsWith("state in "), STEP))
                .isEqualTo("state in " + state + " (saved 2 contacts, 100 values)");
        assertThat(again.awaitLine(l -> ID.matcher(l).find(), STEP)).contains("saved contacts, 1 contact)");
        again.send("lr");
        again.awaitLine(l -> l.contains(putterAddress), STEP);
        again.send("ld");
        assertThat(again.awaitLine(l -> l.startsWith("storage: "), STEP))
                .startsWith("storage: " + KEYS + " keys, " + KEYS * VALUES_PER_KEY + " values, ");

        putter.kill();
        RdhtProcess reader = track(RdhtProcess.console(config, addressOf(again)));
        reader.address(START);
        for (int k = 0; k < KEYS; k++) {
            // one at a time: each lookup also waits out the dead nodes the restarted node still knows
            reader.send("g key" + k);
            awaitLines(reader, "done: ", k + 1);
        }
        assertThat(reader.stdout().lines().filter(l -> l.startsWith("done: ")))
                .as("what the restarted node serves, alone in the network with the reader")
                .allMatch(l -> l.startsWith("done: " + VALUES_PER_KEY + " values"));
    }

    private RdhtProcess startStorer(String bootstrapAddress) throws IOException {
        return track(RdhtProcess.start(
                config,
                Map.of(),
                "-p",
                "0",
                "--bind",
                "127.0.0.1",
                "-b",
                bootstrapAddress,
                "--state-dir",
                state.toString()));
    }

    /** Waits until {@code node} has printed {@code count} lines that start with {@code prefix}. */
    private static void awaitLines(RdhtProcess node, String prefix, int count) {
        try {
            await().atMost(STEP)
                    .until(() -> node.stdout()
                                    .lines()
                                    .filter(l -> l.startsWith(prefix))
                                    .count()
                            >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "fewer than " + count + " lines starting with '" + prefix + "' within " + STEP + "; stdout:\n"
                            + node.stdout() + "\nstderr:\n" + node.stderr(),
                    e);
        }
    }

    private static String idOf(RdhtProcess node) {
        Matcher m = ID.matcher(node.awaitLine(l -> ID.matcher(l).find(), START));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String addressOf(RdhtProcess node) {
        return node.address(START);
    }

    /** {@code aggregate} over {@code table} in the storer's state file, read as another SQLite client would while it runs. */
    private long savedRows(String table, String aggregate) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("state.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(" + aggregate + ", 0) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Test
    void oneShotCommandsRefuseTheStateOptions() throws Exception {
        RdhtProcess get = track(RdhtProcess.start(config, Map.of(), "--state-dir", state.toString(), "get", "k"));
        assertThat(get.awaitExit(START)).isEqualTo(2);
        assertThat(get.stderr()).contains("a one-shot command keeps no state").doesNotContain("\tat ");
    }
}
