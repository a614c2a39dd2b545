package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/rdht} as users run it, on the jar the build has just made. Runs in the
 * integration-test phase ({@code ./mvnw verify}), where {@link RdhtProcess} starts every process
 * through the launcher.
 */
class LauncherTest extends ProcessTest {

    static final Duration START = Duration.ofSeconds(90);
    static final Duration RUN = Duration.ofSeconds(60);

    private RdhtProcess rdht(String... args) throws IOException {
        return track(RdhtProcess.start(config, Map.of(), args));
    }

    @Test
    void firstRunOnJdk25RecordsAStartupCacheThatLaterRunsUse() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Path launcher = Path.of(System.getProperty("rdht.launcher"));
        Path cache = launcher.getParent().resolveSibling("apps/node/target/rdht.aot");
        Files.deleteIfExists(cache);

        RdhtProcess first = rdht("--version");
        assertThat(first.awaitExit(START)).as(first.stderr()).isZero();
        assertThat(first.stderr()).contains("recording a start-up cache");
        assertThat(first.stdout()).isEqualTo("rdht 0.1.0");
        assertThat(cache).isNotEmptyFile();

        RdhtProcess second = rdht("--version");
        assertThat(second.awaitExit(RUN)).isZero();
        assertThat(second.stderr()).isEmpty();
        assertThat(second.stdout()).isEqualTo("rdht 0.1.0");
    }

    @Test
    void consoleNodeServesAOneShotPutThroughTheLauncher() throws Exception {
        RdhtProcess node = RdhtProcess.console(config);
        track(node);
        String address = node.address(START);

        RdhtProcess put = rdht("put", "greeting", "hello", "-b", address, "--bind", "127.0.0.1");
        assertThat(put.awaitExit(RUN)).as(put.stderr()).isZero();
        String valueId = put.stdout().split(" ")[1];

        node.send("ld");
        assertThat(node.awaitLine(l -> l.startsWith("  " + valueId), RUN)).contains("size=5 text/plain");
        node.send("x");
        assertThat(node.awaitExit(RUN)).isZero();
    }

    @Test
    void getWithNoNetworkExitsThreeThroughTheLauncher() throws Exception {
        RdhtProcess get = rdht("get", "somekey", "-b", "127.0.0.1:1", "--bind", "127.0.0.1");
        assertThat(get.awaitExit(START)).isEqualTo(3);
        assertThat(get.stderr()).endsWith("rdht: no node answered at 127.0.0.1:1");
    }
}
