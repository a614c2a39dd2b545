package io.rdht.bench;

import java.util.List;
import java.util.Map;

/**
 * The settings of the persistence benchmark ({@code bin/bench-persist}), from its command line.
 *
 * @param nodes         nodes in each of the two networks
 * @param rounds        rounds measured; each measures both networks, in alternating order
 * @param seconds       how long each measured load phase starts new puts
 * @param inflight      puts in flight
 * @param warmupSeconds seconds of puts in flight on each network before the first round, not counted
 */
record PersistOptions(int nodes, int rounds, int seconds, int inflight, int warmupSeconds) {

    private static final List<String> FLAGS = List.of("--nodes", "--rounds", "--seconds", "--inflight", "--warmup");

    /** How to call the benchmark. */
    static final String USAGE = """
            usage: bin/bench-persist [--nodes 32] [--rounds 6] [--seconds 10] [--inflight 64] [--warmup 10]
              --nodes     nodes in each of the two networks, one without and one with persistence (2..200)
              --rounds    rounds measured, each both networks, in alternating order (1..100)
              --seconds   how long each measured load phase starts new puts (1..600)
              --inflight  puts in flight (1..10000)
              --warmup    seconds of puts in flight on each network first, not counted (0..600)
            """;

    /** The defaults: 32 nodes, 6 rounds of 10 s, 64 in flight, 10 s of warm-up per network. */
    static PersistOptions defaults() {
        return new PersistOptions(32, 6, 10, 64, 10);
    }

    /**
     * Parses {@code --flag value} and {@code --flag=value} arguments over the defaults.
     *
     * @throws Flags.UsageException naming the flag, for an unknown flag, a missing value or a bad number
     */
    static PersistOptions parse(String... args) throws Flags.UsageException {
        PersistOptions d = defaults();
        int nodes = d.nodes();
        int rounds = d.rounds();
        int seconds = d.seconds();
        int inflight = d.inflight();
        int warmup = d.warmupSeconds();
        for (Map.Entry<String, String> e : Flags.parse(FLAGS, args).entrySet()) {
            String flag = e.getKey();
            String value = e.getValue();
            switch (flag) {
                case "--nodes" -> nodes = Flags.number(flag, value, 2, 200);
                case "--rounds" -> rounds = Flags.number(flag, value, 1, 100);
                case "--seconds" -> seconds = Flags.number(flag, value, 1, 600);
                case "--inflight" -> inflight = Flags.number(flag, value, 1, 10_000);
                case "--warmup" -> warmup = Flags.number(flag, value, 0, 600);
                default -> throw new IllegalStateException(flag);
            }
        }
        return new PersistOptions(nodes, rounds, seconds, inflight, warmup);
    }
}
