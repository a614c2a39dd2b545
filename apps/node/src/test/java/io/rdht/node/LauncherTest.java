package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
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
        return rdht(Map.of(), args);
    }

    private RdhtProcess rdht(Map<String, String> env, String... args) throws IOException {
        return track(RdhtProcess.start(config, env, args));
    }

    @Test
    void firstRunOnJdk25RecordsAStartupCacheThatLaterRunsUseAndRemovesAnOlderJarsCache() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Path launcher = Path.of(System.getProperty("rdht.launcher"));
        Path target = launcher.getParent().resolveSibling("apps/node/target");
        // one cache per set of JVM options (one-shot commands compile with C1 only): start afresh
        try (Stream<Path> caches = Files.list(target)) {
            for (Path cache : caches.filter(p -> p.getFileName().toString().matches("rdht.*\\.aot"))
                    .toList()) {
                Files.deleteIfExists(cache);
            }
        }
        // a cache left by another set of options and an older jar
        Path stale = Files.writeString(target.resolve("rdht-42.aot"), "recorded for an older jar");
        Files.setLastModifiedTime(
                stale,
                FileTime.fromMillis(
                        Files.getLastModifiedTime(target.resolve("rdht.jar")).toMillis() - 3_600_000));

        RdhtProcess first = rdht("--version");
        assertThat(first.awaitExit(START)).as(first.stderr()).isZero();
        assertThat(first.stderr()).contains("recording a start-up cache");
        assertThat(first.stdout()).isEqualTo("rdht 0.1.0");
        try (Stream<Path> caches = Files.list(target)) {
            assertThat(caches.filter(p -> p.getFileName().toString().matches("rdht-[0-9]+\\.aot")))
                    .singleElement()
                    .satisfies(cache -> assertThat(cache).isNotEmptyFile().isNotEqualTo(stale));
        }

        RdhtProcess second = rdht("--version");
        assertThat(second.awaitExit(RUN)).isZero();
        assertThat(second.stderr()).isEmpty();
        assertThat(second.stdout()).isEqualTo("rdht 0.1.0");
    }

    @Test
    void launcherGivesTheJvmTheMemorySettingsOfTheOptionFile() throws Exception {
        RdhtProcess version =
                rdht(Map.of("RDHT_AOT", "off", "RDHT_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
        assertThat(version.awaitExit(START)).as(version.stderr()).isZero();
        assertThat(version.stdout())
                .contains(
                        "-XX:+UseSerialGC",
                        "-XX:InitialHeapSize=8388608",
                        "-XX:MaxHeapSize=402653184",
                        "-XX:MaxNewSize=33554432",
                        "-XX:MaxMetaspaceSize=100663296",
                        "-XX:ReservedCodeCacheSize=33554432",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:-UsePerfData");
        if (Runtime.version().feature() >= 25) {
            assertThat(version.stdout()).contains("-XX:+UseCompactObjectHeaders");
        }
    }

    @Test
    void aSensorCompilesWithC1OnlyAndAMonitorKeepsC2() throws Exception {
        Path bin = Path.of(System.getProperty("rdht.bin"));
        Map<String, String> env = Map.of("RDHT_AOT", "off", "RDHT_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        // nobody answers at port 1: each command prints the JVM's flags, then exits 3
        RdhtProcess sensor = track(RdhtProcess.launch(
                bin.resolve("sensor"),
                config,
                env,
                "--every",
                "1s",
                "-b",
                "127.0.0.1:1",
                "{\"lvl_percent\":39,\"lat\":39.093214,\"long\":125.688883}"));
        RdhtProcess monitor =
                track(RdhtProcess.launch(bin.resolve("monitor"), config, env, "-b", "127.0.0.1:1", "--plain"));

        assertThat(sensor.awaitExit(START)).as(sensor.stderr()).isEqualTo(3);
        assertThat(monitor.awaitExit(START)).as(monitor.stderr()).isEqualTo(3);
        assertThat(sensor.stdout()).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(monitor.stdout()).contains("-XX:+UseSerialGC").doesNotContain("TieredStopAtLevel");
    }

    @Test
    void javaOptionsFromTheEnvironmentRaiseTheLimits() throws Exception {
        RdhtProcess version =
                rdht(Map.of("RDHT_AOT", "off", "RDHT_JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx1g"), "--version");
        assertThat(version.awaitExit(START)).as(version.stderr()).isZero();
        assertThat(version.stdout()).contains("-XX:MaxHeapSize=1073741824").doesNotContain("-XX:MaxHeapSize=402653184");
    }

    @Test
    void aNodesHeapCeilingFollowsItsStorageLimitFromTheFlagTheEnvironmentOrTheConfigFile() throws Exception {
        Files.createDirectories(config.resolve("rdht"));
        Files.writeString(
                config.resolve("rdht/rdht.toml"),
                "bootstrap = []\n[rdht]\nmax-storage-mb = 300\n[node]  # the service\n  max-storage-mb = 2_048  # 2 GiB\n");
        Map<String, String> flags = Map.of("RDHT_AOT", "off", "RDHT_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        Map<String, String> fromEnvironment =
                Map.of("RDHT_AOT", "off", "RDHT_JAVA_OPTS", "-XX:+PrintCommandLineFlags", "RDHT_MAX_STORAGE_MB", "512");

        // the limit + 128 MiB: 1,152, 640, 2,176 and 428 MiB; a one-shot command keeps 384
        assertThat(heapCeilingOf(flags, "node", "--max-storage-mb", "1024", "--version"))
                .isEqualTo(1152L << 20);
        assertThat(heapCeilingOf(fromEnvironment, "node", "--version")).isEqualTo(640L << 20);
        assertThat(heapCeilingOf(flags, "node", "--version")).isEqualTo(2176L << 20);
        assertThat(heapCeilingOf(flags, "--version")).isEqualTo(428L << 20);
        assertThat(heapCeilingOf(flags, "get", "--version")).isEqualTo(384L << 20);
    }

    private long heapCeilingOf(Map<String, String> env, String... args) throws Exception {
        RdhtProcess process = rdht(env, args);
        assertThat(process.awaitExit(START)).as(process.stderr()).isZero();
        return Stream.of(process.stdout().split("\\s+"))
                .filter(flag -> flag.startsWith("-XX:MaxHeapSize="))
                .mapToLong(flag -> Long.parseLong(flag.substring("-XX:MaxHeapSize=".length())))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aNodeWhoseHeapCannotHoldItsStorageLimitRefusesToStart() throws Exception {
        RdhtProcess node = rdht(
                Map.of("RDHT_AOT", "off", "RDHT_JAVA_OPTS", "-Xmx200m"),
                "node",
                "--no-state",
                "-p",
                "0",
                "--bind",
                "127.0.0.1");

        assertThat(node.awaitExit(START)).as(node.stdout()).isEqualTo(2);
        assertThat(node.stderr())
                .contains("max-storage-mb 256 needs a heap of 320 MiB or more, and this JVM's holds 1")
                .contains("lower max-storage-mb to 1")
                .doesNotContain("Exception");
    }

    @Test
    void selftestPutsAndGetsASignedSensorReadingBetweenTwoNodesWithConscrypt() throws Exception {
        RdhtProcess selftest = rdht(Map.of("RDHT_AOT", "off"), "selftest");
        assertThat(selftest.awaitExit(START)).as(selftest.stderr()).isZero();
        assertThat(selftest.stdout()).startsWith("selftest: ok").contains("cryptography: Tink on Conscrypt");
        // the launcher's options let Conscrypt load its native library without the JDK's warning
        assertThat(selftest.stderr()).doesNotContain("WARNING");
    }

    @Test
    void rdhtConscryptOffKeepsTinksPureJava() throws Exception {
        RdhtProcess selftest = rdht(Map.of("RDHT_AOT", "off", "RDHT_JAVA_OPTS", "-Drdht.conscrypt=off"), "selftest");
        assertThat(selftest.awaitExit(START)).as(selftest.stderr()).isZero();
        assertThat(selftest.stdout()).startsWith("selftest: ok").contains("cryptography: Tink, pure Java");
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
