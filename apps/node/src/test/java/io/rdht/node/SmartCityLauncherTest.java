package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/monitor} and {@code bin/sensor} run as processes, as a user runs them, on the jar the
 * build has just made (integration-test phase).
 */
class SmartCityLauncherTest extends ProcessTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration RUN = Duration.ofSeconds(30);
    private static final Pattern PORT = Pattern.compile("on port (\\d+)");

    private final Path bin = Path.of(System.getProperty("rdht.bin"));

    private RdhtProcess run(String command, String... args) throws IOException {
        return track(RdhtProcess.launch(bin.resolve(command), config, args));
    }

    private String monitorAddress(RdhtProcess monitor) {
        Matcher m = PORT.matcher(monitor.awaitErrLine(l -> PORT.matcher(l).find(), START));
        assertThat(m.find()).isTrue();
        return "127.0.0.1:" + m.group(1);
    }

    private static String reading(int level) {
        return "{\"lvl_percent\":" + level + ",\"lat\":39.093214,\"long\":125.688883}";
    }

    @Test
    void everyReadingOfTenSensorRunsAppearsInTheMonitorVerified() throws Exception {
        RdhtProcess monitor = run("monitor", "--plain", "-p", "0", "--bind", "127.0.0.1");
        String address = monitorAddress(monitor);
        for (int i = 0; i < 10; i++) {
            int level = 30 + i;
            RdhtProcess sensor = run("sensor", "-b", address, reading(level));
            assertThat(sensor.awaitExit(RUN)).as(sensor.stderr()).isZero();
            assertThat(sensor.stdout())
                    .startsWith("published " + reading(level))
                    .contains("as sensor");
            String shown = monitor.awaitLine(l -> l.contains("level  " + level + "%"), RUN);
            assertThat(shown).contains("✓ verified").contains("lat  39.093214").contains("long  125.688883");
        }
        assertThat(monitor.stdout()).doesNotContain("REJECTED");
    }

    @Test
    void sensorUserErrorsExitWithTheirCodesAndNameTheProblem() throws Exception {
        expectFailure(2, "not valid JSON", "sensor", "{\"lvl_percent\":39,");
        expectFailure(2, "missing field long", "sensor", "{\"lvl_percent\":39,\"lat\":1.0}");
        expectFailure(
                2,
                "lvl_percent must be an integer from 0 to 100",
                "sensor",
                "{\"lvl_percent\":140,\"lat\":1.0,\"long\":2.0}");
        expectFailure(2, "Unknown option", "sensor", "--frobnicate", reading(39));

        int closed;
        try (DatagramSocket s = new DatagramSocket(0)) {
            closed = s.getLocalPort();
        }
        long start = System.nanoTime();
        expectFailure(3, "no node answered at 127.0.0.1:" + closed, "sensor", "-b", "127.0.0.1:" + closed, reading(39));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));

        Path directory = Files.createDirectory(config.resolve("not-a-file"));
        expectFailure(4, "cannot read", "sensor", "--identity", directory.toString(), reading(39));
        Path corrupt = Files.writeString(config.resolve("corrupt.identity"), "{\"this\": \"is json\"}");
        expectFailure(4, "not an rdht identity file", "sensor", "--identity", corrupt.toString(), reading(39));
    }

    @Test
    void monitorRefusesUnknownOptionsAndABusyPort() throws Exception {
        expectFailure(2, "Unknown option", "monitor", "--colour");
        RdhtProcess first = run("monitor", "--plain", "-p", "0", "--bind", "127.0.0.1");
        String port = monitorAddress(first).split(":")[1];
        expectFailure(1, "cannot listen on UDP 127.0.0.1:" + port, "monitor", "-p", port, "--bind", "127.0.0.1");
    }

    @Test
    void monitorWritesJsonLinesAndShowsInvalidContentAsRejected() throws Exception {
        RdhtProcess monitor = run("monitor", "--json", "-p", "0", "--bind", "127.0.0.1");
        String address = monitorAddress(monitor);
        RdhtProcess sensor = run("sensor", "-b", address, reading(57));
        assertThat(sensor.awaitExit(RUN)).as(sensor.stderr()).isZero();
        String json = monitor.awaitLine(l -> l.contains("\"lvl_percent\":57"), RUN);
        assertThat(json)
                .startsWith("{")
                .endsWith("}")
                .contains("\"event\":\"added\"")
                .contains("\"verified\":true")
                .contains("\"lat\":39.093214")
                .contains("\"long\":125.688883");

        RdhtProcess garbage =
                run("rdht", "put", "pollution_level", "not a reading", "-b", address, "--bind", "127.0.0.1");
        assertThat(garbage.awaitExit(RUN)).as(garbage.stderr()).isZero();
        String rejected = monitor.awaitLine(l -> l.contains("\"event\":\"rejected\""), RUN);
        assertThat(rejected).contains("\"verified\":false").contains("content type text/plain");
    }

    @Test
    void sensorWithEveryKeepsPublishingDriftingReadings() throws Exception {
        RdhtProcess monitor = run("monitor", "--plain", "-p", "0", "--bind", "127.0.0.1");
        String address = monitorAddress(monitor);
        RdhtProcess sensor = run("sensor", "-b", address, "--every", "1s", reading(50));
        sensor.awaitLine(l -> l.startsWith("published"), START);
        monitor.awaitLine(l -> l.contains("added"), RUN);
        assertThat(monitor.awaitLine(l -> l.contains("updated"), RUN)).contains("✓ verified");
        assertThat(sensor.awaitLine(l -> l.contains("seq 2"), RUN)).startsWith("published");
    }

    @Test
    void demoRunsSeveralSensorsIntoTheMonitorViewAndStopsOnInterrupt() throws Exception {
        RdhtProcess demo =
                run("rdht", "-p", "0", "--bind", "127.0.0.1", "demo", "--plain", "--sensors", "3", "--every", "1s");
        await().atMost(START)
                .until(() -> demo.stdout()
                                .lines()
                                .filter(l -> l.contains("✓ verified"))
                                .map(l -> l.split("\\s+")[1])
                                .distinct()
                                .count()
                        == 3);
        demo.interrupt();
        assertThat(demo.awaitExit(RUN)).as("exit code after Ctrl-C").isIn(0, 130);
        assertThat(demo.stderr()).doesNotContain("Exception");
    }

    private void expectFailure(int code, String message, String command, String... args) throws Exception {
        RdhtProcess p = run(command, args);
        assertThat(p.awaitExit(RUN))
                .as("exit code of %s %s; stderr %s", command, List.of(args), p.stderr())
                .isEqualTo(code);
        assertThat(p.stderr()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
