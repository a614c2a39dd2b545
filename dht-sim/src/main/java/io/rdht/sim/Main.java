package io.rdht.sim;

import io.rdht.core.engine.EngineSettings;
import io.rdht.core.lookup.LookupSettings;
import io.rdht.core.routing.RoutingSettings;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/simulate}: runs a scenario for each network size and writes the report folder.
 * Exit status 0 when the report is written, 2 for a bad command line (or a folder to combine that
 * holds no report), 1 when the run failed.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Runs 10,000–100,000 real rdht nodes in virtual time, with Internet round trips, loss and "
                + "churn, and writes a report folder (README.md, results.csv, PNG plots).")
public final class Main implements Callable<Integer> {

    @Option(
            names = "--nodes",
            split = ",",
            paramLabel = "N",
            description = "network sizes, comma-separated " + "(default: ${DEFAULT-VALUE})",
            defaultValue = "1000,10000")
    List<Integer> sizes = new ArrayList<>();

    @Option(
            names = "--churn",
            paramLabel = "SHAPE:MEDIAN|none|harsh",
            defaultValue = "0.5:1h",
            description =
                    "Weibull session lengths: shape and median session (default: ${DEFAULT-VALUE}); harsh = 0.4:10m")
    String churn;

    @Option(
            names = "--crash",
            paramLabel = "PERCENT%@TIME",
            description = "also crash this share of the nodes at "
                    + "once, this long into measuring, e.g. 40%%@5m; they are not replaced (default: no crash)")
    String crash;

    @Option(
            names = "--loss",
            paramLabel = "PERCENT",
            defaultValue = "1",
            description = "datagrams lost, in " + "percent (default: ${DEFAULT-VALUE})")
    double lossPercent;

    @Option(
            names = "--join",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description = "the nodes join one " + "after another over this long (default: ${DEFAULT-VALUE})")
    String joinPhase;

    @Option(
            names = "--settle",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description = "then the network " + "runs untouched this long (default: ${DEFAULT-VALUE})")
    String settle;

    @Option(
            names = "--measure",
            paramLabel = "DURATION",
            defaultValue = "45m",
            description = "then churn and " + "the workload run this long (default: ${DEFAULT-VALUE})")
    String measure;

    @Option(
            names = "--lookups",
            paramLabel = "PER_SECOND",
            defaultValue = "2",
            description = "lookups per second " + "across the network (default: ${DEFAULT-VALUE})")
    double lookupsPerSecond;

    @Option(
            names = "--values",
            paramLabel = "COUNT",
            defaultValue = "100",
            description = "values put and probed " + "(default: ${DEFAULT-VALUE})")
    int values;

    @Option(
            names = "--value-ttl",
            paramLabel = "DURATION",
            defaultValue = "30m",
            description = "their TTL " + "(default: ${DEFAULT-VALUE})")
    String valueTtl;

    @Option(
            names = "--bootstraps",
            paramLabel = "COUNT",
            defaultValue = "1",
            description = "running nodes each joining node is given to bootstrap from, distinct and at random, "
                    + "as a deployment lists several bootstrap nodes (default: ${DEFAULT-VALUE})")
    int bootstraps;

    @Option(
            names = "--reader",
            paramLabel = "one|random",
            defaultValue = "random",
            description = "which node gets "
                    + "the values: a random live node each time, or one node all the time, as a person at one console "
                    + "(default: ${DEFAULT-VALUE})")
    String reader;

    @Option(
            names = "--listen-keys",
            paramLabel = "COUNT",
            defaultValue = "10",
            description = "keys listened to " + "(default: ${DEFAULT-VALUE})")
    int listenKeys;

    @Option(
            names = "--listeners",
            paramLabel = "COUNT",
            defaultValue = "20",
            description = "listeners per key " + "(default: ${DEFAULT-VALUE})")
    int listeners;

    @Option(
            names = "--k",
            paramLabel = "K",
            description = "contacts per bucket and nodes per lookup result " + "(default: the node's, 8)")
    Integer k;

    @Option(
            names = "--alpha",
            paramLabel = "ALPHA",
            description = "requests in flight per lookup (default: the " + "node's, 4)")
    Integer alpha;

    @Option(
            names = "--initial-timeout",
            paramLabel = "DURATION",
            description = "request timeout before a round " + "trip is known (default: the node's, 500ms)")
    String initialTimeout;

    @Option(
            names = "--bucket-refresh",
            paramLabel = "DURATION",
            description = "refresh of a bucket nobody looked " + "into (default: the node's, 20m)")
    String bucketRefresh;

    @Option(
            names = "--disjoint-paths",
            paramLabel = "D",
            description = "disjoint paths per lookup of a key, S/Kademlia's d (default: the node's, 1)")
    Integer disjointPaths;

    @Option(
            names = "--silent-key-widening",
            paramLabel = "on|off",
            description = "listens widen their storers when the key stays silent (default: the node's, on)")
    String silentKeyWidening;

    @Option(
            names = "--attack",
            paramLabel = "none|eclipse|eclipse-grind|sybil",
            description = "attacker nodes in the network (issue 13), and an adversary report: one row per "
                    + "--attackers and --defences set; eclipse-grind: the eclipse an attacker holding one /24 "
                    + "can mount under id binding; none: the honest network alone, for the defences' costs "
                    + "(default: no adversary report)")
    String attack;

    @Option(
            names = "--attackers",
            split = ",",
            paramLabel = "N|P%",
            description = "attackers, each a count or a share of --nodes (which counts them too), one run each "
                    + "(default: 20 for eclipse, 1%%,5%%,10%% for sybil)")
    List<String> attackers;

    @Option(
            names = "--defences",
            split = ",",
            paramLabel = "SET",
            description = "sets of defences of the honest nodes, one run each: none, all, one of id-binding, "
                    + "prefix-diversity, disjoint-paths, spread-check, silent-key, or several joined by + "
                    + "(default: none)")
    List<String> defences;

    @Option(names = "--seed", defaultValue = "1", description = "the run's randomness (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "sim-report",
            description = "report folder " + "(default: ${DEFAULT-VALUE})")
    Path out;

    @Option(
            names = "--combine",
            split = ",",
            paramLabel = "DIR",
            description =
                    "instead of simulating, write "
                            + "one report of the sizes in these report folders (their results.csv): table and plots against size")
    List<Path> combine = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!combine.isEmpty()) {
            try {
                Report.combine(out, combine, commandLine());
            } catch (NoSuchFileException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--combine: no such file: " + e.getFile());
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--combine: " + e.getMessage());
            }
            System.out.println("report written to " + out.resolve("README.md"));
            return 0;
        }
        Scenario scenario = scenario();
        if (attack != null || attackers != null || defences != null) {
            return adversaryReport(scenario);
        }
        List<SizeResult> results = new ArrayList<>();
        for (int size : scenario.sizes()) {
            SizeResult r = new Simulation(scenario, size, System.err::println).run();
            results.add(r);
            // Written after every size, so a long run that is stopped still leaves what it measured.
            Report.write(out, scenario, commandLine(), results);
        }
        System.out.println("report written to " + out.resolve("README.md"));
        return 0;
    }

    /** One run per size, attack and set of defences, written to one adversary report. */
    private int adversaryReport(Scenario base) throws IOException {
        List<Scenario> variants = new ArrayList<>();
        try {
            List<Defences> sets = Defences.parse(defences != null ? defences : List.of("none"));
            for (Attack a : attacks()) {
                for (Defences d : sets) {
                    variants.add(base.with(a, d));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<AttackRun> runs = new ArrayList<>();
        for (int size : base.sizes()) {
            for (Scenario s : variants) {
                Simulation sim = new Simulation(s, size, System.err::println);
                SizeResult r = sim.run();
                Attack a = s.attack();
                runs.add(new AttackRun(
                        a == null ? "none" : a.label(),
                        a == null ? null : a.kind(),
                        a == null ? 0 : a.attackers(size),
                        s.defences(),
                        r,
                        sim.attackStats()));
                AttackReport.write(out, variants.get(0), commandLine(), runs);
            }
        }
        System.out.println("report written to " + out.resolve("README.md"));
        return 0;
    }

    /** The attacks {@code --attack} and {@code --attackers} name; a null element for none. */
    private List<Attack> attacks() {
        String kind = attack != null ? attack : "none";
        if (kind.equals("none")) {
            if (attackers != null) {
                throw new IllegalArgumentException("--attackers needs --attack eclipse, eclipse-grind or sybil");
            }
            return java.util.Collections.singletonList(null);
        }
        Attack.Kind k = Attack.Kind.parse(kind);
        List<String> specs = attackers != null ? attackers : k.isEclipse() ? List.of("20") : List.of("1%", "5%", "10%");
        return specs.stream().map(spec -> Attack.parse(k, spec)).toList();
    }

    private String commandLine() {
        return "bin/simulate "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    private Scenario scenario() {
        try {
            return new Scenario(
                            sizes,
                            churn(),
                            crash != null ? Crash.parse(crash) : null,
                            lossPercent / 100,
                            LatencyModel.internet(),
                            Durations.parse(joinPhase),
                            Durations.parse(settle),
                            Durations.parse(measure),
                            new Workload(
                                    lookupsPerSecond,
                                    values,
                                    Durations.parse(valueTtl),
                                    listenKeys,
                                    listeners,
                                    Duration.ofSeconds(30),
                                    Duration.ofSeconds(30),
                                    oneReader()),
                            settings(),
                            seed)
                    .withBootstraps(bootstraps);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private boolean oneReader() {
        return switch (reader) {
            case "one" -> true;
            case "random" -> false;
            default -> throw new IllegalArgumentException("--reader takes one or random, got '" + reader + "'");
        };
    }

    private Churn churn() {
        return switch (churn) {
            case "none" -> Churn.none();
            case "harsh" -> new Churn(0.4, Duration.ofMinutes(10));
            default -> {
                String[] parts = churn.split(":");
                if (parts.length != 2) {
                    throw new IllegalArgumentException(
                            "--churn takes SHAPE:MEDIAN (e.g. 0.5:1h), none or harsh, " + "got '" + churn + "'");
                }
                yield new Churn(Double.parseDouble(parts[0]), Durations.parse(parts[1]));
            }
        };
    }

    private EngineSettings settings() {
        EngineSettings d = EngineSettings.defaults();
        RoutingSettings r = d.routing();
        LookupSettings l = d.lookup();
        int kk = k != null ? k : r.k();
        RoutingSettings routing = new RoutingSettings(
                kk,
                r.maxFailures(),
                r.staleContactMillis(),
                bucketRefresh != null ? Durations.parse(bucketRefresh).toMillis() : r.bucketRefreshMillis(),
                initialTimeout != null ? Durations.parse(initialTimeout).toMillis() : r.initialTimeoutMillis(),
                r.minTimeoutMillis(),
                r.maxTimeoutMillis());
        LookupSettings lookup = new LookupSettings(
                        kk, alpha != null ? alpha : l.alpha(), Math.max(l.capacity(), kk + 6))
                .withSpreadLimit(l.spreadLimit());
        EngineSettings chosen = new EngineSettings(
                d.networkId(),
                routing,
                lookup,
                d.storage(),
                d.maxAttempts(),
                d.tokenRotationMillis(),
                d.maintenanceMillis(),
                d.republishMillis(),
                d.bootstrapRetryMinMillis(),
                d.bootstrapRetryMaxMillis(),
                d.listen(),
                d.readOnly(),
                d.rateLimits());
        if (disjointPaths != null) {
            try {
                chosen = chosen.withDisjointPaths(disjointPaths);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--disjoint-paths: " + e.getMessage(), e);
            }
        }
        if (silentKeyWidening != null) {
            chosen = chosen.withSilentKeyWidening(onOff("--silent-key-widening", silentKeyWidening));
        }
        return chosen;
    }

    private static boolean onOff(String option, String value) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(option + " takes on or off, got '" + value + "'");
        };
    }
}
