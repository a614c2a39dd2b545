package io.rdht.bench;

import io.netty.buffer.Unpooled;
import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * {@code bin/bench-http}: N concurrent event streams on one node and puts at a steady rate, rdht
 * ({@code rdht node --http}, {@code GET /{key}/events}) and OpenDHT ({@code dhtnode --proxyserver},
 * {@code GET /key/{hash}/listen}) in one run, read by the same thin client ({@link EventStreams}). For
 * each: values delivered of expected, p50/p95/p99 put→event latency, and the server process's
 * resident memory per stream twice: N streams on the fresh server (what the first streams cost,
 * for a JVM mostly the classes and compiled code of serving them, once per process), closed, then
 * N streams again on the now warm server (what each stream costs from then on), on which the
 * latency is measured; and the resident memory at the end. Puts reach both through their
 * proxy API ({@code POST /key/{hash}}), from the same HTTP client; rdht's node has a second node in
 * this JVM to store on, as a put needs a storer besides the node itself. The first puts warm
 * both up and are not counted ({@code --warm-up}).
 */
public final class HttpBenchmark {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration DRAIN = Duration.ofSeconds(10);
    /** Time for a server to close the first round's streams before the second round opens. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private HttpBenchmark() {}

    /** What one server did. */
    private record Result(
            String system,
            int streams,
            int open,
            int failed,
            int puts,
            int delivered,
            int duplicates,
            Histogram latency,
            long rssFresh,
            int freshOpen,
            long rssFreshStreams,
            long rssStart,
            long rssStreams,
            long rssEnd,
            String serverCpu,
            String clientCpu) {}

    /** Runs the benchmark; exit status 2 for a bad argument, 1 if a server could not be run. */
    public static void main(String... args) throws Exception {
        HttpBenchOptions o = Flags.parseOrExit("bench-http", HttpBenchOptions.USAGE, HttpBenchOptions::parse, args)
                .orElse(null);
        if (o == null) {
            return;
        }
        List<Result> results = new ArrayList<>();
        if (o.rdht() != null) {
            results.add(rdht(o));
        }
        if (o.dhtnode() != null) {
            results.add(openDht(o));
        }
        if (o.floor()) {
            results.add(floor(o));
        }
        System.out.printf(
                Locale.ROOT,
                "%n# %d event streams per server, a put every %d ms for %d s (%d puts, after %d" + " not counted)%n%n",
                o.streams(),
                o.intervalMs(),
                o.seconds(),
                o.puts(),
                o.warmUpPuts());
        System.out.println(
                "| server | streams open | delivered / expected | duplicates | p50 ms | p95 ms | p99 ms | max ms "
                        + "| RSS fresh MiB | with first streams MiB | KiB per stream, fresh server "
                        + "| RSS after they closed MiB | with streams again MiB | KiB per stream, warm server "
                        + "| RSS end MiB | server CPU µs per event, user / kernel | client CPU µs per event, user / kernel |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            Histogram h = r.latency();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d/%d | %d / %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f"
                            + " | %.1f | %s | %s |%n",
                    r.system(),
                    r.open(),
                    r.streams(),
                    r.delivered(),
                    (long) r.open() * r.puts(),
                    r.duplicates(),
                    ms(h, 50),
                    ms(h, 95),
                    ms(h, 99),
                    h.getMaxValue() / 1e6,
                    mib(r.rssFresh()),
                    mib(r.rssFreshStreams()),
                    (r.rssFreshStreams() - r.rssFresh()) / 1024.0 / Math.max(1, r.freshOpen()),
                    mib(r.rssStart()),
                    mib(r.rssStreams()),
                    (r.rssStreams() - r.rssStart()) / 1024.0 / Math.max(1, r.open()),
                    mib(r.rssEnd()),
                    r.serverCpu(),
                    r.clientCpu());
        }
    }

    private static Result rdht(HttpBenchOptions o) throws Exception {
        int udp = freeUdpPort();
        int http = freeTcpPort();
        Path home = Files.createTempDirectory("bench-http-rdht");
        ProcessBuilder pb = new ProcessBuilder(
                        o.rdht(),
                        "node",
                        "-p",
                        String.valueOf(udp),
                        "--bind",
                        "127.0.0.1",
                        "--http",
                        "127.0.0.1:" + http,
                        "--no-state")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("node.log").toFile());
        pb.environment().remove("DHT_BOOTSTRAP");
        pb.environment().put("XDG_CONFIG_HOME", home.toString());
        pb.environment().put("XDG_STATE_HOME", home.toString());
        InfoHash key = InfoHash.of("bench-http-" + System.nanoTime());
        Process server = pb.start();
        // a second node, so that the gateway's puts have a storer besides the node itself
        DhtNode peer = DhtNode.create(DhtConfig.builder()
                .bindHost("127.0.0.1")
                .port(0)
                .bootstrap("127.0.0.1:" + udp)
                .build());
        try {
            peer.start().block(START);
            awaitPort(http, server);
            return measure(
                    version(o.rdht()) + " (rdht node --http)",
                    o,
                    server,
                    http,
                    "/" + key.toHex() + "/events",
                    post(http, key.toHex()));
        } finally {
            peer.close();
            stop(server);
        }
    }

    private static Result openDht(HttpBenchOptions o) throws Exception {
        int udp = freeUdpPort();
        int http = freeTcpPort();
        Path home = Files.createTempDirectory("bench-http-opendht");
        Process server = new ProcessBuilder(
                        o.dhtnode(), "-s", "-p", String.valueOf(udp), "--proxyserver", String.valueOf(http))
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("dhtnode.log").toFile())
                .start();
        String hash = InfoHash.of("bench-http-" + System.nanoTime()).toHex();
        try {
            awaitPort(http, server);
            return measure(
                    version(o.dhtnode()) + " (dhtnode --proxyserver)",
                    o,
                    server,
                    http,
                    "/key/" + hash + "/listen",
                    post(http, hash));
        } finally {
            stop(server);
        }
    }

    /** The same client against {@link TrivialStreamServer} in a JVM of its own: what the client itself costs. */
    private static Result floor(HttpBenchOptions o) throws Exception {
        int http = freeTcpPort();
        Path home = Files.createTempDirectory("bench-http-floor");
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        TrivialStreamServer.class.getName(),
                        String.valueOf(http))
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("floor.log").toFile())
                .start();
        try {
            awaitPort(http, server);
            return measure("trivial server (plain Netty, no DHT)", o, server, http, "/streams", post(http, "floor"));
        } finally {
            stop(server);
        }
    }

    /** Puts each reading through the server's proxy API, {@code POST /key/{hash}}, as any HTTP client would. */
    private static Consumer<String> post(int port, String hash) {
        HttpClient client = HttpClient.create();
        return data -> client.post()
                .uri("http://127.0.0.1:" + port + "/key/" + hash)
                .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(
                        "{\"data\":\"" + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))
                                + "\"}",
                        StandardCharsets.UTF_8)))
                .responseSingle((r, body) -> body.then())
                .subscribe(r -> {}, e -> {});
    }

    private static Result measure(
            String system, HttpBenchOptions o, Process server, int port, String path, Consumer<String> put)
            throws InterruptedException {
        Path status = Path.of("/proc/" + server.pid() + "/status");
        // a first round of streams on the fresh server, then closed: what the first streams cost
        // (for rdht, most of it the classes and compiled code of serving them, once per process)
        long rssFresh = MemoryReading.rssBytes(status);
        long rssFreshStreams;
        int freshOpen;
        try (EventStreams first = new EventStreams("127.0.0.1", port, path, o.streams())) {
            awaitOpen(first, o.streams());
            rssFreshStreams = MemoryReading.rssBytes(status);
            freshOpen = first.open();
        }
        // the server notices the closed connections and frees their streams
        Thread.sleep(SETTLE.toMillis());
        // the measured round, on the warm server: what each stream costs from now on
        long rssStart = MemoryReading.rssBytes(status);
        try (EventStreams streams = new EventStreams("127.0.0.1", port, path, o.streams())) {
            awaitOpen(streams, o.streams());
            long rssStreams = MemoryReading.rssBytes(status);
            steadyPuts(put, o.intervalMs(), o.warmUpPuts(), t -> EventStreams.WARM_UP + " " + t);
            // the last warm-up put's events are delivered before CPU time is counted
            Thread.sleep(o.intervalMs());
            ProcessCpu serverBefore = ProcessCpu.of(server.pid());
            ProcessCpu clientBefore = streams.readerCpu();
            steadyPuts(put, o.intervalMs(), o.puts(), t -> PutStamp.of((int) t, System.nanoTime()));
            long expected = (long) streams.open() * o.puts();
            long drainUntil = System.nanoTime() + DRAIN.toNanos();
            while (streams.delivered() < expected && System.nanoTime() < drainUntil) {
                Thread.sleep(50);
            }
            long rssEnd = MemoryReading.rssBytes(status);
            int delivered = streams.delivered();
            return new Result(
                    system,
                    o.streams(),
                    streams.open(),
                    streams.failed(),
                    o.puts(),
                    delivered,
                    streams.duplicates(),
                    streams.latencies(),
                    rssFresh,
                    freshOpen,
                    rssFreshStreams,
                    rssStart,
                    rssStreams,
                    rssEnd,
                    ProcessCpu.of(server.pid()).perThingSince(serverBefore, delivered),
                    streams.readerCpu().perThingSince(clientBefore, delivered));
        }
    }

    /** Makes {@code count} puts, {@code intervalMs} apart, the first at once; {@code data} gives the n-th's data. */
    private static void steadyPuts(Consumer<String> put, int intervalMs, int count, LongFunction<String> data) {
        Flux.interval(Duration.ZERO, Duration.ofMillis(intervalMs))
                .take(count)
                .doOnNext(t -> put.accept(data.apply(t)))
                .blockLast();
    }

    /** Waits until {@code n} streams are open or refused, then lets the server settle them. */
    private static void awaitOpen(EventStreams streams, int n) throws InterruptedException {
        long until = System.nanoTime() + START.toNanos();
        while (streams.open() + streams.failed() < n && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        // let the server settle its new streams before reading its memory
        Thread.sleep(1000);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    private static String version(String command) {
        try {
            Process p = new ProcessBuilder(command, "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            String first = out.lines().findFirst().orElse("");
            return first.length() > 40 ? first.substring(0, 40) : first;
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private static void awaitPort(int port, Process server) throws InterruptedException, IOException {
        long until = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < until) {
            if (!server.isAlive()) {
                throw new IOException("the server exited with status " + server.exitValue() + " before serving HTTP");
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("nothing serves HTTP on port " + port + " after " + START.toSeconds() + " s");
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
