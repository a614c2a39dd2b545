package io.rdht.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings, from its command line.
 *
 * @param nodes    the network sizes to measure, in order
 * @param ops      puts, then gets, measured one at a time per network
 * @param warmup   puts, then gets, done before measuring and not counted; a quarter as many signed
 *                 puts and one round of puts to listeners follow them
 * @param inflight puts in flight in the load phase
 * @param seconds  how long the load phase starts new puts
 * @param loadWarmup seconds of puts in flight, as in the load phase, done just before it and not
 *                 counted (0 for none)
 * @param maxPuts  most puts the load phase starts, whatever the time
 * @param persist  whether every node keeps its state in a state directory of its own (dht-store)
 */
record BenchmarkOptions(
        List<Integer> nodes,
        int ops,
        int warmup,
        int inflight,
        int seconds,
        int loadWarmup,
        int maxPuts,
        boolean persist) {

    private static final List<String> FLAGS =
            List.of("--nodes", "--ops", "--warmup", "--inflight", "--seconds", "--load-warmup", "--max-puts");
    private static final String PERSIST = "--persist";

    /** How to call the benchmark. */
    static final String USAGE = """
            usage: bin/bench [--nodes 32,128] [--ops 2000] [--warmup 3000] [--inflight 64] [--seconds 10]
                             [--load-warmup 0] [--max-puts 200000] [--persist]
              --nodes     network sizes to measure, comma-separated (2..1000 each)
              --ops       puts, then gets, measured one at a time (1..1000000)
              --warmup    puts, then gets, done first and not measured (0..1000000), then a
                          quarter as many signed puts and a round of puts to listeners; the
                          same, with the load warm-up, runs first on a throwaway network beside
                          the measured one (after its memory is read), so that the measured one
                          runs compiled code yet holds one warm-up's values
              --inflight  puts in flight in the load phase (1..10000)
              --seconds   how long the load phase starts new puts (1..3600)
              --load-warmup  seconds of puts in flight just before the load phase, not measured
                          (0..3600; 0, the default, for none), so that the JIT compiler has
                          compiled the load's code paths before its seconds are counted
              --max-puts  most puts the load phase starts (1..1000000); every node stores about
                          8/N of them, and a node keeps at most 65536 keys
              --persist   every node keeps its state (id, contacts, stored values) in SQLite, in a
                          temporary state directory of its own, as rdht --state-dir does
            """;

    /** The defaults: 32 and 128 nodes, 2000 operations, 3000 to warm up (the JIT compiler is still busy after 500), 64 in flight for 10 s. */
    static BenchmarkOptions defaults() {
        return new BenchmarkOptions(List.of(32, 128), 2000, 3000, 64, 10, 0, 200_000, false);
    }

    /**
     * Parses {@code --flag value} and {@code --flag=value} arguments over the defaults.
     *
     * @throws Flags.UsageException naming the flag, for an unknown flag, a missing value or a bad number
     */
    static BenchmarkOptions parse(String... args) throws Flags.UsageException {
        BenchmarkOptions d = defaults();
        List<Integer> nodes = d.nodes();
        int ops = d.ops();
        int warmup = d.warmup();
        int inflight = d.inflight();
        int seconds = d.seconds();
        int loadWarmup = d.loadWarmup();
        int maxPuts = d.maxPuts();
        boolean persist = d.persist();
        List<String> valued = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals(PERSIST)) {
                persist = true;
            } else {
                valued.add(arg);
            }
        }
        for (Map.Entry<String, String> e :
                Flags.parse(FLAGS, valued.toArray(String[]::new)).entrySet()) {
            String flag = e.getKey();
            String value = e.getValue();
            switch (flag) {
                case "--nodes" -> nodes = sizes(value);
                case "--ops" -> ops = Flags.number(flag, value, 1, 1_000_000);
                case "--warmup" -> warmup = Flags.number(flag, value, 0, 1_000_000);
                case "--inflight" -> inflight = Flags.number(flag, value, 1, 10_000);
                case "--seconds" -> seconds = Flags.number(flag, value, 1, 3600);
                case "--load-warmup" -> loadWarmup = Flags.number(flag, value, 0, 3600);
                case "--max-puts" -> maxPuts = Flags.number(flag, value, 1, 1_000_000);
                default -> throw new IllegalStateException(flag);
            }
        }
        return new BenchmarkOptions(nodes, ops, warmup, inflight, seconds, loadWarmup, maxPuts, persist);
    }

    private static List<Integer> sizes(String value) throws Flags.UsageException {
        List<Integer> sizes = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            sizes.add(Flags.number("--nodes", part.strip(), 2, 1000));
        }
        return List.copyOf(sizes);
    }
}
