package io.rdht.sensor;

import io.rdht.cli.Await;
import io.rdht.cli.CommandRunner;
import io.rdht.cli.CommandVersion;
import io.rdht.cli.ConfigDirectory;
import io.rdht.cli.ExitCode;
import io.rdht.cli.Logging;
import io.rdht.cli.NetworkOptions;
import io.rdht.cli.NodeLauncher;
import io.rdht.cli.Reading;
import io.rdht.cli.UserError;
import io.rdht.cli.config.ConfigOption;
import io.rdht.core.DhtConfig;
import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.crypto.Identity;
import io.rdht.crypto.IdentityFileException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/** {@code sensor '<json>'}: publishes one signed reading, or one every interval. */
@Command(
        name = "sensor",
        mixinStandardHelpOptions = true,
        versionProvider = CommandVersion.class,
        sortOptions = false,
        description = {
            "Signs a pollution reading with this sensor's identity and publishes it to pollution_level.",
            "Example: sensor '{\"lvl_percent\":39,\"lat\":39.093214,\"long\":125.688883}'"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:published",
            "1:unexpected failure",
            "2:invalid reading or arguments",
            "3:no node answered at the bootstrap address",
            "4:identity file unreadable or invalid"
        })
public final class Sensor implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "READING",
            description = "JSON with lvl_percent (0-100), lat (-90..90) and long (-180..180).")
    private String json;

    @Mixin
    private NetworkOptions network;

    @Mixin
    private ConfigOption config;

    @Option(
            names = "--identity",
            paramLabel = "FILE",
            description = "Identity file, created on first use (default: ${DEFAULT-VALUE}).")
    private Path identityFile = ConfigDirectory.resolve("sensor.identity");

    @Option(names = "--ttl", paramLabel = "DURATION", description = "How long the reading lives (default: 10m).")
    private Duration ttl = Value.DEFAULT_TTL;

    @Option(
            names = "--every",
            paramLabel = "DURATION",
            description = "Keep running and publish a slightly drifting reading at this interval (e.g. 60s).")
    private Duration every;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Give up joining or publishing after this long (default: 10s).")
    private Duration timeout = Duration.ofSeconds(10);

    @Option(
            names = {"-v", "--verbose"},
            description = "Debug logs on stderr.")
    private boolean verbose;

    /** Runs the command; exits with its code. */
    public static void main(String[] args) {
        System.exit(CommandRunner.run(new Sensor(), args));
    }

    @Override
    public Integer call() {
        Logging.configure(verbose);
        Reading reading;
        try {
            reading = Reading.parse(json);
        } catch (Reading.InvalidReading e) {
            throw new UserError(ExitCode.BAD_INPUT, "invalid reading: " + e.getMessage());
        }
        if (ttl.isZero() || ttl.isNegative()) {
            throw new UserError(ExitCode.BAD_INPUT, "--ttl must be positive");
        }
        Identity identity = loadIdentity();
        List<InetSocketAddress> bootstrap =
                network.bootstrap(System.getenv(), List.of("127.0.0.1:" + DhtConfig.DEFAULT_PORT));
        // a one-shot sensor uses the network without serving it, so that it leaves no dead contact
        // behind in others' routing tables; a sensor that keeps running is a node like any other
        DhtNode node = NodeLauncher.start(
                network.configure(DhtConfig.builder(), 0, bootstrap)
                        .identity(identity)
                        .readOnly(every == null)
                        .build(),
                timeout);
        try {
            NodeLauncher.requireJoined(node, bootstrap);
            Publisher publisher =
                    new Publisher(node, InfoHash.of(Reading.KEY), valueIdOf(identity), ttl, timeout, identity);
            if (every == null) {
                publisher.publish(reading);
            } else {
                SplittableRandom random = new SplittableRandom();
                Reading[] current = {reading};
                // publishing blocks until the storers answer: on a thread where that is allowed
                Flux.interval(Duration.ZERO, every, Schedulers.boundedElastic())
                        .map(tick -> tick == 0 ? current[0] : (current[0] = current[0].drift(random)))
                        .doOnNext(publisher::announceOrWarn)
                        .blockLast();
            }
            return 0;
        } finally {
            node.close();
        }
    }

    private Identity loadIdentity() {
        try {
            return Identity.loadOrCreate(identityFile);
        } catch (IdentityFileException e) {
            throw new UserError(ExitCode.BAD_IDENTITY, e.getMessage());
        }
    }

    /** Each sensor edits one value of its own: its id comes from the sensor's public key. */
    public static long valueIdOf(Identity identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(identity.publicKey().toBytes());
            long id = ByteBuffer.wrap(digest).getLong();
            return id == Value.UNASSIGNED_ID ? 1 : id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Publishes readings and says what happened in one line each. A single reading is a signed
     * put. In periodic mode each reading is announced: signed at the next seq (an edit of the
     * sensor's value), then renewed every half TTL until the next reading replaces it, so the last
     * reading stays on the network even when the interval is longer than the TTL.
     */
    private static final class Publisher {
        /** What a publication that runs out of time did not get, as {@link Await} words it. */
        private static final String UNCONFIRMED = "no storer confirmed the reading";

        private final DhtNode node;
        private final InfoHash key;
        private final long valueId;
        private final Duration ttl;
        private final Duration timeout;
        private final Identity identity;
        private Disposable announced;

        Publisher(DhtNode node, InfoHash key, long valueId, Duration ttl, Duration timeout, Identity identity) {
            this.node = node;
            this.key = key;
            this.valueId = valueId;
            this.ttl = ttl;
            this.timeout = timeout;
            this.identity = identity;
        }

        void publish(Reading reading) {
            report(reading, System.nanoTime(), Await.within(node.putSigned(key, value(reading)), timeout, UNCONFIRMED));
        }

        /** Announces {@code reading} in place of the last one; returns once its first publication is stored. */
        void announce(Reading reading) {
            long start = System.nanoTime();
            if (announced != null) {
                announced.dispose();
            }
            Sinks.One<PutResult> first = Sinks.one();
            announced = node.announce(
                            key,
                            value(reading).toBuilder()
                                    .owner(identity.publicKey().toBytes())
                                    .build())
                    .subscribe(first::tryEmitValue, first::tryEmitError);
            report(reading, start, Await.within(first.asMono(), timeout, UNCONFIRMED));
        }

        void announceOrWarn(Reading reading) {
            try {
                announce(reading);
            } catch (UserError | DhtException e) {
                System.err.println("sensor: " + e.getMessage() + " (will try again at the next interval)");
            }
        }

        private Value value(Reading reading) {
            return Value.builder()
                    .id(valueId)
                    .text(reading.toJson())
                    .contentType(Reading.CONTENT_TYPE)
                    .ttl(ttl)
                    .build();
        }

        private void report(Reading reading, long start, PutResult result) {
            if (result == null) {
                throw new UserError(ExitCode.NO_NETWORK, "no storer confirmed within " + timeout.toSeconds() + " s");
            }
            System.out.printf(
                    "published %s to %s as sensor %s (value %s, seq %d) on %d node%s in %d ms%n",
                    reading.toJson(),
                    Reading.KEY,
                    identity.shortId(),
                    Long.toUnsignedString(valueId, 16),
                    result.value().seq(),
                    result.storers().size(),
                    result.storers().size() == 1 ? "" : "s",
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
