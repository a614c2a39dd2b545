package io.rdht.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The churn benchmark's settings (bin/bench-churn checks them too and passes them on).
 *
 * @param nodes      rdht node processes
 * @param values     values put before the crash, the keys the gets cycle over
 * @param killShare  percent of the nodes killed with SIGKILL at once, the bootstrap node among them
 * @param gets       gets measured before the crash and after the restart; twice as many after the crash
 * @param maxSeconds the run starts no operation after this long, and stops
 * @param rdht       the command that runs an rdht node (bin/rdht)
 * @param work       a directory for the nodes' identity files and the list of their process ids
 */
record ChurnOptions(int nodes, int values, int killShare, int gets, int maxSeconds, String rdht, Path work) {

    private static final List<String> FLAGS =
            List.of("--nodes", "--values", "--kill-share", "--gets", "--max-seconds", "--rdht", "--work");

    /** How to call it. */
    static final String USAGE = """
            usage: java -cp dht-bench.jar io.rdht.bench.ChurnBenchmark --rdht bin/rdht --work DIR
                        [--nodes 20] [--values 30] [--kill-share 40] [--gets 40] [--max-seconds 240]
              (bin/bench-churn runs it; see bin/bench-churn --help)
            """;

    /** The number of nodes killed: the share of {@link #nodes}, at least one, leaving at least one. */
    int killed() {
        return Math.clamp(Math.round(nodes * killShare / 100.0f), 1, nodes - 1);
    }

    /**
     * Parses the command line.
     *
     * @throws Flags.UsageException naming the flag, for an unknown flag, a missing value or a bad number
     */
    static ChurnOptions parse(String... args) throws Flags.UsageException {
        Map<String, String> v = Flags.parse(FLAGS, args);
        if (!v.containsKey("--rdht") || !v.containsKey("--work")) {
            throw new Flags.UsageException("--rdht and --work are required");
        }
        return new ChurnOptions(
                Flags.number("--nodes", v.getOrDefault("--nodes", "20"), 2, NodeProcesses.MAX_NODES),
                Flags.number("--values", v.getOrDefault("--values", "30"), 1, 1000),
                Flags.number("--kill-share", v.getOrDefault("--kill-share", "40"), 1, 90),
                Flags.number("--gets", v.getOrDefault("--gets", "40"), 1, 10_000),
                Flags.number("--max-seconds", v.getOrDefault("--max-seconds", "240"), 10, 3600),
                v.get("--rdht"),
                Path.of(v.get("--work")));
    }
}
