package io.rdht.node;

import io.rdht.cli.DurationConverter;
import io.rdht.cli.ExitCode;
import io.rdht.cli.Logging;
import io.rdht.cli.Reading;
import io.rdht.cli.UserError;
import io.rdht.cli.config.SettingRules;
import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.crypto.Identity;
import io.rdht.monitor.ReadingStream;
import io.rdht.monitor.WebMap;
import io.rdht.monitor.WebOptions;
import io.rdht.sensor.Sensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code rdht demo}: the whole smart city on this machine. A bootstrap node that also shows the
 * monitor's live view, and sensors, each a node of its own with its own identity, that publish a
 * signed, slowly drifting reading every few seconds. Ctrl-C stops it all.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the smart city here: a bootstrap node with the monitor's live view, and sensor nodes",
            "publishing signed readings to pollution_level; --web shows them on a live map in a browser.",
            "Ctrl-C stops everything."
        })
final class DemoCommand implements Callable<Integer> {

    /** Roughly where the example reading was taken; the sensors are spread a few km around it. */
    private static final double CENTER_LAT = 39.03;

    private static final double CENTER_LONG = 125.75;
    private static final double SPREAD = 0.05;

    @ParentCommand
    private RdhtCommand root;

    @Option(names = "--sensors", paramLabel = "N", description = "Sensor nodes (default: ${DEFAULT-VALUE}).")
    private int sensors = 6;

    @Option(
            names = "--every",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Time between two readings of a sensor (default: 3s).")
    private Duration every = Duration.ofSeconds(3);

    @Option(names = "--plain", description = "One line per reading instead of the live table.")
    private boolean plain;

    @Mixin
    private WebOptions web;

    @Override
    public Integer call() throws InterruptedException {
        if (sensors < 1 || sensors > SettingRules.MAX_DEMO_SENSORS) {
            throw new UserError(ExitCode.BAD_INPUT, "--sensors must be between 1 and " + SettingRules.MAX_DEMO_SENSORS);
        }
        Logging.configure(root.verbose());
        root.state().refuseFor("rdht demo");
        NodeSetup setup = NodeSetup.of(root.network(), root.storage(), DhtConfig.DEFAULT_PORT, List.of(), null, false);
        DhtNode city = NodeStarter.start(setup);
        String bootstrap = "127.0.0.1:" + city.address().getPort();
        String title = "rdht demo: " + sensors + " sensors publishing every " + every.toSeconds()
                + " s, bootstrap node on port " + city.address().getPort() + " (join it: monitor -b " + bootstrap
                + ", sensor -b " + bootstrap + " '<json>')";
        System.err.println(title);
        List<DhtNode> nodes = new ArrayList<>(List.of(city));
        List<Disposable> running = new ArrayList<>();
        if (web.address() != null) {
            WebMap map;
            try {
                map = WebMap.start(city, InfoHash.of(Reading.KEY), Reading.KEY, web.address(), web.tiles());
            } catch (RuntimeException e) {
                city.close();
                throw e;
            }
            running.add(map::close);
            System.err.println("rdht demo: live map on " + map.url());
        }
        ReadingStream.Mode mode =
                plain || System.console() == null ? ReadingStream.Mode.LINES : ReadingStream.Mode.TABLE;
        running.add(ReadingStream.follow(city, InfoHash.of(Reading.KEY), mode, title, System.out));
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < sensors; i++) {
            Identity identity = Identity.generate();
            DhtNode sensor = DhtNode.create(DhtConfig.builder()
                            .bindHost("127.0.0.1")
                            .port(0)
                            .bootstrap(bootstrap)
                            .identity(identity)
                            .build())
                    .start()
                    .block(Duration.ofSeconds(10));
            nodes.add(sensor);
            running.add(publishEvery(sensor, identity, firstReading(random), random.split()));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            running.forEach(Disposable::dispose);
                            Flux.fromIterable(nodes)
                                    .flatMap(DhtNode::shutdown)
                                    .then()
                                    .block(Duration.ofSeconds(5));
                            stopped.countDown();
                        },
                        "rdht-demo-stop"));
        stopped.await();
        return 0;
    }

    private Disposable publishEvery(DhtNode node, Identity identity, Reading first, SplittableRandom random) {
        long id = Sensor.valueIdOf(identity);
        Reading[] current = {first};
        // a tick that comes while the last reading is still being published is skipped, as a slow
        // sensor would (concatMap asks for one tick at a time; the interval would otherwise fail)
        return Flux.interval(Duration.ofMillis(random.nextLong(every.toMillis())), every)
                .onBackpressureDrop()
                .concatMap(tick -> {
                    current[0] = tick == 0 ? current[0] : current[0].drift(random);
                    Value v = Value.builder()
                            .id(id)
                            .text(current[0].toJson())
                            .contentType(Reading.CONTENT_TYPE)
                            .ttl(every.multipliedBy(10))
                            .build();
                    return node.putSigned(InfoHash.of(Reading.KEY), v).onErrorResume(e -> {
                        System.err.println("demo: sensor " + identity.shortId() + ": " + e.getMessage());
                        return Mono.empty();
                    });
                })
                .subscribe();
    }

    private static Reading firstReading(SplittableRandom random) {
        return new Reading(
                random.nextInt(5, 95),
                CENTER_LAT + random.nextDouble(-SPREAD, SPREAD),
                CENTER_LONG + random.nextDouble(-SPREAD, SPREAD));
    }
}
