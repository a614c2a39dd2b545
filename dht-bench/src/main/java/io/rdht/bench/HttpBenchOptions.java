package io.rdht.bench;

import java.util.List;
import java.util.Map;

/**
 * What {@code bin/bench-http} measures: how many event streams, how many puts and how far apart,
 * against which servers.
 *
 * @param streams    concurrent event streams on each server
 * @param intervalMs time between two puts
 * @param seconds    how long the puts go on
 * @param warmUpPuts puts before those, at the same rate, that are not counted
 * @param rdht       the {@code bin/rdht} launcher, or {@code null} to leave rdht out
 * @param dhtnode    OpenDHT's {@code dhtnode}, or {@code null} to leave OpenDHT out
 * @param floor      whether to measure {@link TrivialStreamServer} too: what the client itself costs
 */
record HttpBenchOptions(
        int streams, int intervalMs, int seconds, int warmUpPuts, String rdht, String dhtnode, boolean floor) {

    static final String USAGE = """
            Usage: HttpBenchmark [--streams 1000] [--interval-ms 200] [--seconds 20] [--warm-up 300] [--rdht bin/rdht] [--dhtnode dhtnode] [--floor on]
              --streams      concurrent event streams on each server (1..4000)
              --interval-ms  time between two puts (10..10000)
              --seconds      how long the puts go on (1..600)
              --warm-up      puts before those, at the same rate, not counted (0..3000): a JVM
                             compiles the paths of a put for a minute or more
              --rdht         rdht's launcher; 'none' leaves rdht out
              --dhtnode      OpenDHT's dhtnode; 'none' leaves OpenDHT out
              --floor        on: a third server that does nothing but hand each put to every stream
                             (plain Netty, no DHT): the client's own cost; off by default
            """;

    private static final List<String> FLAGS =
            List.of("--streams", "--interval-ms", "--seconds", "--warm-up", "--rdht", "--dhtnode", "--floor");

    /** The options of {@code args}. */
    static HttpBenchOptions parse(String... args) throws Flags.UsageException {
        Map<String, String> f = Flags.parse(FLAGS, args);
        String rdht = f.getOrDefault("--rdht", "bin/rdht");
        String dhtnode = f.getOrDefault("--dhtnode", "dhtnode");
        String floor = f.getOrDefault("--floor", "off");
        if (!floor.equals("on") && !floor.equals("off")) {
            throw new Flags.UsageException("--floor must be on or off, not " + floor);
        }
        return new HttpBenchOptions(
                Flags.number("--streams", f.getOrDefault("--streams", "1000"), 1, 4000),
                Flags.number("--interval-ms", f.getOrDefault("--interval-ms", "200"), 10, 10_000),
                Flags.number("--seconds", f.getOrDefault("--seconds", "20"), 1, 600),
                Flags.number("--warm-up", f.getOrDefault("--warm-up", "300"), 0, 3000),
                rdht.equals("none") ? null : rdht,
                dhtnode.equals("none") ? null : dhtnode,
                floor.equals("on"));
    }

    /** How many puts a run makes. */
    int puts() {
        return (int) ((long) seconds * 1000 / intervalMs);
    }
}
