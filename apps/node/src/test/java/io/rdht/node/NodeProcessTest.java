package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code rdht node} as a service manager runs it: standard input closed, stopped by a signal. */
class NodeProcessTest extends ProcessTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern HTTP = Pattern.compile("serving /metrics and /health on (http://\\S+)");

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(WAIT).build();

    private RdhtProcess node(String... args) throws Exception {
        RdhtProcess p = track(RdhtProcess.start(config, Map.of(), args));
        p.closeInput();
        return p;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static DhtNode joining(String address) {
        return DhtNode.create(DhtConfig.builder()
                        .bindHost("127.0.0.1")
                        .port(0)
                        .bootstrap(address)
                        .build())
                .start()
                .block(WAIT);
    }

    private static int unusedUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aHeadlessNodeWithStdinClosedServesHealthAndMetricsAndExitsZeroOnSigterm() throws Exception {
        RdhtProcess node =
                node("node", "-p", "0", "--bind", "127.0.0.1", "--http", "0", "-b", "127.0.0.1:" + unusedUdpPort());
        String address = node.address(START);
        Matcher m = HTTP.matcher(node.awaitLine(l -> HTTP.matcher(l).find(), START));
        assertThat(m.find()).isTrue();
        String base = m.group(1);

        HttpResponse<String> alone = get(base + "/health");
        assertThat(alone.statusCode()).isEqualTo(503);
        assertThat(alone.body()).contains("\"status\":\"no contacts\"");

        try (DhtNode other = joining(address)) {
            await().atMost(WAIT).until(() -> get(base + "/health").statusCode() == 200);
            PutResult stored =
                    other.put(InfoHash.of("greeting"), Value.of("hello")).block(WAIT);
            assertThat(stored.storers()).isNotEmpty();

            HttpResponse<String> metrics = get(base + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.body())
                    .contains(
                            "# TYPE rdht_datagrams_in_total counter",
                            "rdht_routing_contacts{family=\"ipv4\"} 1.0",
                            "rdht_storage_values 1.0",
                            "# TYPE rdht_put_seconds histogram");
        }
        // a single segment is a key of the gateway (GET /KEY, as in OpenDHT); three are no route
        assertThat(get(base + "/no/such/path").statusCode()).isEqualTo(404);
        assertThat(get(base + "/greeting").body()).contains("\"data\":\"aGVsbG8=\"");

        node.terminate();
        assertThat(node.awaitExit(WAIT)).as(node.stderr()).isZero();
        assertThat(node.stdout()).contains("starting: configuration file none", "stopping on SIGTERM", "stopped in ");
        assertThat(node.stdout().lines()).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z (INFO|WARN) .*"));
        assertThat(node.stderr()).doesNotContain("Exception");
    }

    @Test
    void aHeadlessNodeStreamsTheEventsOfAKeyAsServerSentEvents() throws Exception {
        RdhtProcess node = node("node", "-p", "0", "--bind", "127.0.0.1", "--http", "0", "--no-state");
        String address = node.address(START);
        Matcher m = HTTP.matcher(node.awaitLine(l -> HTTP.matcher(l).find(), START));
        assertThat(m.find()).isTrue();
        HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(m.group(1) + "/greeting/events"))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(lines::add));

        try (DhtNode other = joining(address)) {
            other.put(InfoHash.of("greeting"), Value.of("hello")).block(WAIT);
            await().atMost(WAIT).until(() -> lines.contains("event: added"));
        } finally {
            stream.body().close();
            reader.interrupt();
        }
        assertThat(lines).anyMatch(l -> l.startsWith("data: {\"id\":") && l.contains("\"data\":\"aGVsbG8=\""));
    }

    @Test
    void aHeadlessNodeKeepsServingAfterItsInputClosesAndExitsZeroOnSigint() throws Exception {
        RdhtProcess node = node("node", "-p", "0", "--bind", "127.0.0.1");
        String address = node.address(START);

        try (DhtNode other = joining(address)) {
            assertThat(other.put(InfoHash.of("k"), Value.of("v")).block(WAIT).storers())
                    .extracting(n -> Format.address(n.address()))
                    .contains(address);
        }
        node.interrupt();
        assertThat(node.awaitExit(WAIT)).as(node.stderr()).isZero();
        assertThat(node.stdout()).contains("first node of a new network", "stopping on SIGINT");
    }

    @Test
    void aTakenHttpPortStopsTheNodeWithExitOne() throws Exception {
        RdhtProcess first = node("node", "-p", "0", "--bind", "127.0.0.1", "--http", "0");
        Matcher m = HTTP.matcher(first.awaitLine(l -> HTTP.matcher(l).find(), START));
        assertThat(m.find()).isTrue();
        String taken = m.group(1).substring("http://".length());

        RdhtProcess second = node("node", "-p", "0", "--bind", "127.0.0.1", "--http", taken);

        assertThat(second.awaitExit(START)).isEqualTo(1);
        assertThat(second.stderr()).contains("rdht: cannot serve HTTP on " + taken);
        first.terminate();
        assertThat(first.awaitExit(WAIT)).isZero();
    }
}
