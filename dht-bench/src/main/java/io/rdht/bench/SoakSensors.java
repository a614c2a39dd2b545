package io.rdht.bench;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.crypto.Identity;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sensors of {@code bin/soak}: N sensor nodes in this JVM, each with its own identity, joined
 * through a bootstrap node, each putting a signed reading (an edit of its own value, as the demo's
 * sensors do) at a fixed rate. Prints one line per reading a storer confirmed, {@code sent SENSOR
 * SEQ}, one per put that failed, {@code failed SENSOR reason}, and one per tick skipped because
 * the sensor's previous put was still in flight (on a loaded machine), {@code skipped SENSOR};
 * bin/soak matches the sent lines against what the monitor saw. Each reading lives a minute (the
 * demo's ten intervals, 5 s, expire while a put waits on a loaded machine). Stops its nodes on
 * SIGTERM.
 *
 * <p>Usage: {@code SoakSensors HOST:PORT SENSORS READINGS_PER_SECOND}.
 */
public final class SoakSensors {

    /** Longest one put may take before it counts as failed. */
    private static final Duration PUT_TIMEOUT = Duration.ofSeconds(30);

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration TTL = Duration.ofMinutes(1);

    private SoakSensors() {}

    /** Runs until SIGTERM; exit code 2 on bad arguments. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: SoakSensors HOST:PORT SENSORS READINGS_PER_SECOND");
            System.exit(2);
        }
        String bootstrap = args[0];
        int sensors = Integer.parseInt(args[1]);
        double rate = Double.parseDouble(args[2]);
        Duration every = Duration.ofNanos((long) (1e9 / rate));
        PrintStream out = System.out;
        List<DhtNode> nodes = new ArrayList<>();
        List<Disposable> running = new ArrayList<>();
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < sensors; i++) {
            Identity identity = Identity.generate();
            DhtNode node = DhtNode.create(DhtConfig.builder()
                            .bindHost("127.0.0.1")
                            .port(0)
                            .bootstrap(bootstrap)
                            .identity(identity)
                            .build())
                    .start()
                    .block(Duration.ofSeconds(30));
            nodes.add(node);
            running.add(publish(node, identity, every, random.split(), out));
        }
        out.println("started " + sensors + " sensors, one reading each every " + every.toMillis() + " ms");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            running.forEach(Disposable::dispose);
                            Flux.fromIterable(nodes)
                                    .flatMap(DhtNode::shutdown)
                                    .then()
                                    .block(Duration.ofSeconds(5));
                            out.flush();
                            stopped.countDown();
                        },
                        "soak-sensors-stop"));
        stopped.await();
    }

    private static Disposable publish(
            DhtNode node, Identity identity, Duration every, SplittableRandom random, PrintStream out) {
        long id = random.nextLong() | 1;
        String sensor = identity.shortId();
        return Flux.interval(Duration.ofMillis(random.nextLong(every.toMillis() + 1)), every)
                .onBackpressureDrop(tick -> line(out, "skipped " + sensor))
                .concatMap(
                        tick -> {
                            String json = String.format(
                                    Locale.ROOT,
                                    "{\"lvl_percent\":%d,\"lat\":39.0%d,\"long\":125.7%d}",
                                    random.nextInt(101),
                                    random.nextInt(10),
                                    random.nextInt(10));
                            Value v = Value.builder()
                                    .id(id)
                                    .text(json)
                                    .contentType("application/json")
                                    .ttl(TTL)
                                    .build();
                            return node.putSigned(KEY, v)
                                    .timeout(PUT_TIMEOUT)
                                    .doOnNext(r -> line(
                                            out,
                                            "sent " + sensor + " " + r.value().seq()))
                                    .onErrorResume(e -> {
                                        line(out, "failed " + sensor + " " + e);
                                        return Mono.empty();
                                    });
                        },
                        1)
                .subscribe();
    }

    private static void line(PrintStream out, String text) {
        synchronized (out) {
            out.println(text);
        }
    }
}
