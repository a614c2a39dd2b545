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
        return new Scenario(
                sizes,
                churn,
                null,
                0.01,
                LatencyModel.internet(),
                Duration.ofMinutes(1),
                Duration.ofMinutes(2),
                Duration.ofMinutes(12),
                new Workload(2, 20, Duration.ofMinutes(8), 3, 5, Duration.ofSeconds(30), Duration.ofSeconds(30), false),
                EngineSettings.defaults(),
                seed);
    }

    /** 20 nodes like the real processes of issue 10, 40% of them crashing at once 3 minutes into measuring. */
    private static Scenario crashScenario() {
        return new Scenario(
                List.of(20),
                Churn.none(),
                new Crash(0.4, Duration.ofMinutes(3)),
                0.01,
                LatencyModel.internet(),
                Duration.ofMinutes(1),
                Duration.ofMinutes(2),
                Duration.ofMinutes(8),
                new Workload(
                        1, 30, Duration.ofMinutes(30), 2, 5, Duration.ofSeconds(30), Duration.ofSeconds(30), false),
                EngineSettings.defaults(),
                3);
    }

    @Test
    void aSmallNetworkUnderHarshChurnFindsKeepsAndDelivers() {
        List<String> progress = new ArrayList<>();
        SizeResult r = new Simulation(
                        scenario(List.of(300), new Churn(0.4, Duration.ofMinutes(10)), 1), 300, progress::add)
                .run();
        // About 44 expected (by Monte Carlo): 12 minutes of Weibull 0.4 residual times (long, being length-biased) for
        // the 300, and fresh sessions, half shorter than 10 minutes, for the nodes that replace them.
        assertThat(r.joins()).as("nodes left and were replaced").isGreaterThan(25);
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
        SizeResult first = new Simulation(s, 100, line -> {}).run();
        SizeResult second = new Simulation(s, 100, line -> {}).run();
        assertThat(second.lookups()).isEqualTo(first.lookups());
        assertThat(second.joins()).isEqualTo(first.joins());
        assertThat(second.latencyP99Millis()).isEqualTo(first.latencyP99Millis());
        assertThat(second.bytesPerNodeSecond()).isEqualTo(first.bytesPerNodeSecond());
        assertThat(second.completion()).isEqualTo(first.completion());
    }

    @Test
    void completionTimesOfGetsPutsAndListenRefreshesAreReportedAroundAMassCrash(@TempDir Path dir) throws IOException {
        Scenario s = crashScenario();
        SizeResult r = new Simulation(s, 20, line -> {}).run();
        Completion c = r.completion();
        assertThat(c.getComplete().count())
                .as("gets followed to the end of their stream")
                .isGreaterThan(100);
        assertThat(c.getFirstValue().count())
                .as("gets that found their value")
                .isEqualTo(c.getComplete().count());
        assertThat(c.getFirstValue().p50())
                .as("the value arrives no later than the get ends")
                .isLessThanOrEqualTo(c.getComplete().p50());
        assertThat(c.getComplete().p50())
                .as("a lookup of round trips of 20–330 ms")
                .isBetween(20L, 10_000L);
        assertThat(c.putComplete().count())
                .as("the values' puts and the listened keys' puts")
                .isGreaterThan(30);
        assertThat(c.putComplete().p50()).isBetween(20L, 10_000L);
        assertThat(c.storersMin()).as("every put stored somewhere").isBetween(1L, 8L);
        assertThat(c.listenMoved().count())
                .as("listens registered with crashed nodes moved off them")
                .isPositive();
        assertThat(c.listenMoved().p99())
                .as("by the next refresh, every 40 s, and its lookup")
                .isLessThan(60_000);
        assertThat(c.refreshLookup().p99()).isLessThanOrEqualTo(c.listenMoved().p99());

        List<OperationTimes.Window> windows = r.series().times().aroundCrash();
        assertThat(r.series().times().crashedCount()).as("40% of 20").isEqualTo(8);
        assertThat(windows).extracting(OperationTimes.Window::name).startsWith("before the crash", "0–10s after");
        assertThat(windows.get(0).completion().getComplete().count()).isPositive();
        assertThat(windows.get(1).completion().getComplete().count()).isPositive();
        assertThat(windows.get(0).completion().listenMoved().count())
                .as("nobody died before the crash")
                .isZero();
        assertThat(windows.get(0).deadShare())
                .as("no dead contact before the crash")
                .isZero();
        assertThat(windows.get(1).deadShare())
                .as("the 8 of 20 dead are still in the tables just after it")
                .isBetween(0.2, 0.6);
        assertThat(windows.get(1).handedOut()).as("some not yet suspected").isPositive();
        assertThat(windows.get(1).deadRttMillis().p50())
                .as("their round trips, 20–330 ms, as estimated")
                .isBetween(20L, 400L);

        Report.write(dir, s, "bin/simulate --nodes 20 --crash 40%@3m", List.of(r));
        assertThat(Files.readString(dir.resolve("README.md")))
                .contains(
                        "Mass crash: 40% of the nodes at once, 3m into measuring",
                        "20 nodes: 8 crashed at once",
                        "| before the crash |",
                        "| 0–10s after |",
                        "get: complete ms p50 / p95 / p99",
                        "dead contacts in tables");
        assertThat(startOf(dir.resolve("completion.png"))).isEqualTo(PNG_SIGNATURE);
        assertThat(ResultsCsv.read(dir.resolve("results.csv")).get(0).completion())
                .isEqualTo(c);
    }

    @Test
    void aResultsFileFromBeforeCompletionTimesIsStillCombined(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("results.csv"),
                ResultsCsv.FIRST_HEADER + "\n"
                        + "1000,3581,0.99944,3,4,449,1429,1.00000,1.00000,1.00000,1.00000,11780,498,1692,0.670,100.0,114,43,31\n");
        assertThat(ResultsCsv.read(dir.resolve("results.csv")))
                .singleElement()
                .satisfies(r -> assertThat(r.completion()).isEqualTo(Completion.NONE))
                .extracting(SizeResult::lookups)
                .isEqualTo(3581L);
    }

    @Test
    void writesATableCsvAndFivePlots(@TempDir Path dir) throws IOException {
        Scenario s = scenario(List.of(50, 100), Churn.none(), 2);
        List<SizeResult> results =
                List.of(new Simulation(s, 50, line -> {}).run(), new Simulation(s, 100, line -> {}).run());
        Report.write(dir, s, "bin/simulate --nodes 50,100", results);
        String md = Files.readString(dir.resolve("README.md"));
        assertThat(md).contains("| 50 |", "| 100 |", "Churn: none", "bin/simulate --nodes 50,100");
        assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(3);
        for (String plot : List.of("hops.png", "latency.png", "availability.png", "delivery.png", "completion.png")) {
            assertThat(startOf(dir.resolve(plot))).as(plot).isEqualTo(PNG_SIGNATURE);
        }

        Report.write(dir.resolve("small"), s, "bin/simulate --nodes 50", results.subList(0, 1));
        Report.write(dir.resolve("large"), s, "bin/simulate --nodes 100", results.subList(1, 2));
        Report.combine(
                dir.resolve("both"), List.of(dir.resolve("small"), dir.resolve("large")), "bin/simulate --combine");
        assertThat(Files.readString(dir.resolve("both/README.md")))
                .contains("| 50 |", "| 100 |", "(../small/README.md)", "(../large/README.md)")
                .doesNotContain("availability.png");
        assertThat(ResultsCsv.read(dir.resolve("both/results.csv")))
                .extracting(SizeResult::nodes, SizeResult::lookups, SizeResult::hopsP99)
                .containsExactly(
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
