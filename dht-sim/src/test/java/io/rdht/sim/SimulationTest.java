package io.rdht.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.rdht.core.engine.EngineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    private static Scenario scenario(List<Integer> sizes, Churn churn, long seed) {
        return new Scenario(sizes, churn, 0.01, LatencyModel.internet(), Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(12), new Workload(2, 20, Duration.ofMinutes(8), 3, 5, Duration.ofSeconds(30),
                Duration.ofSeconds(30)), EngineSettings.defaults(), seed);
    }

    @Test
    void aSmallNetworkUnderHarshChurnFindsKeepsAndDelivers() {
        List<String> progress = new ArrayList<>();
        SizeResult r = new Simulation(scenario(List.of(300), new Churn(0.4, Duration.ofMinutes(10)), 1), 300,
                progress::add).run();
        assertThat(r.joins()).as("nodes left and were replaced").isGreaterThan(50);
        assertThat(r.lookups()).isGreaterThan(1_000);
        assertThat(r.lookupSuccess()).isGreaterThan(0.98);
        assertThat(r.hopsP50()).isBetween(1L, 4L);
        assertThat(r.latencyP50Millis()).as("a few round trips of 20–300 ms").isBetween(40L, 2_000L);
        assertThat(r.valuePuts()).isEqualTo(1);
        assertThat(r.valuesFound()).isEqualTo(1);
        assertThat(r.valuesGone()).as("after their TTL").isEqualTo(1);
        assertThat(r.listenEvents()).isGreaterThan(300);
        assertThat(r.listenDelivered()).isGreaterThan(0.98);
        assertThat(r.datagramsPerNodeSecond()).isPositive();
        assertThat(progress).anyMatch(line -> line.contains("measuring"));
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        Scenario s = scenario(List.of(100), new Churn(0.5, Duration.ofMinutes(20)), 7);
        SizeResult first = new Simulation(s, 100, line -> { }).run();
        SizeResult second = new Simulation(s, 100, line -> { }).run();
        assertThat(second.lookups()).isEqualTo(first.lookups());
        assertThat(second.joins()).isEqualTo(first.joins());
        assertThat(second.latencyP99Millis()).isEqualTo(first.latencyP99Millis());
        assertThat(second.bytesPerNodeSecond()).isEqualTo(first.bytesPerNodeSecond());
    }

    @Test
    void writesATableCsvAndFourPlots(@TempDir Path dir) throws IOException {
        Scenario s = scenario(List.of(50, 100), Churn.none(), 2);
        List<SizeResult> results = List.of(new Simulation(s, 50, line -> { }).run(),
                new Simulation(s, 100, line -> { }).run());
        Report.write(dir, s, "bin/simulate --nodes 50,100", results);
        String md = Files.readString(dir.resolve("README.md"));
        assertThat(md).contains("| 50 |", "| 100 |", "Churn: none", "bin/simulate --nodes 50,100");
        assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(3);
        for (String plot : List.of("hops.png", "latency.png", "availability.png", "delivery.png")) {
            assertThat(startOf(dir.resolve(plot))).as(plot).isEqualTo(PNG_SIGNATURE);
        }

        Report.write(dir.resolve("small"), s, "bin/simulate --nodes 50", results.subList(0, 1));
        Report.write(dir.resolve("large"), s, "bin/simulate --nodes 100", results.subList(1, 2));
        Report.combine(dir.resolve("both"), List.of(dir.resolve("small"), dir.resolve("large")), "bin/simulate --combine");
        assertThat(Files.readString(dir.resolve("both/README.md"))).contains("| 50 |", "| 100 |",
                "(../small/README.md)", "(../large/README.md)").doesNotContain("availability.png");
        assertThat(ResultsCsv.read(dir.resolve("both/results.csv"))).extracting(SizeResult::nodes, SizeResult::lookups,
                SizeResult::hopsP99).containsExactly(
                tuple(50, results.get(0).lookups(), results.get(0).hopsP99()),
                tuple(100, results.get(1).lookups(), results.get(1).hopsP99()));
        assertThat(startOf(dir.resolve("both/hops.png"))).isEqualTo(PNG_SIGNATURE);
    }

    @Test
    void combiningAFolderWithoutResultsNamesIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("results.csv"), "nodes,something else\n");
        assertThatThrownBy(() -> Report.combine(dir.resolve("out"), List.of(dir), "bin/simulate --combine"))
                .hasMessageContaining("is not a simulation's results.csv");
    }

    private static byte[] startOf(Path file) throws IOException {
        byte[] start = new byte[4];
        System.arraycopy(Files.readAllBytes(file), 0, start, 0, 4);
        return start;
    }
}
