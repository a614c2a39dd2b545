package io.rdht.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.metrics.DhtMetrics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** The node's HTTP server on 127.0.0.1, asked by a real HTTP client. */
class NodeHttpServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(WAIT).build();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private DhtNode node(DhtConfig.Builder config) {
        DhtNode node = DhtNode.create(config.bindHost("127.0.0.1").port(0).build())
                .start()
                .block(WAIT);
        open.add(node);
        return node;
    }

    private NodeHttpServer serve(HttpRoute... routes) {
        NodeHttpServer server = NodeHttpServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(routes))
                .block(WAIT);
        open.add(server);
        return server;
    }

    private HttpResponse<String> get(NodeHttpServer server, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri(server, path)).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(NodeHttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    @Test
    void metricsAreServedInPrometheusTextWithCountersGaugesAndLatencyHistograms() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DhtMetrics metrics = new DhtMetrics(registry);
        DhtNode first = node(DhtConfig.builder().observer(metrics));
        DhtNode second = node(
                DhtConfig.builder().bootstrap("127.0.0.1:" + first.address().getPort()));
        InfoHash key = InfoHash.of("pollution_level");
        List<ValueEvent> events = new CopyOnWriteArrayList<>();
        Disposable listening = first.listen(key).subscribe(events::add);
        open.add(listening::dispose);
        second.put(key, Value.of("39")).block(WAIT);
        first.put(InfoHash.of("other"), Value.of("41")).block(WAIT);
        first.get(key).collectList().block(WAIT);
        await().atMost(WAIT).until(() -> !events.isEmpty());
        NodeHttpServer server = serve(new MetricsRoute(registry, metrics));

        HttpResponse<String> response = get(server, "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsRoute.CONTENT_TYPE);
        PrometheusText text = PrometheusText.parse(response.body());
        assertThat(text.types)
                .containsEntry("rdht_datagrams_in_total", "counter")
                .containsEntry("rdht_requests_timed_out_total", "counter")
                .containsEntry("rdht_routing_contacts", "gauge")
                .containsEntry("rdht_storage_values", "gauge")
                .containsEntry("rdht_listens_ours", "gauge")
                .containsEntry("rdht_put_seconds", "histogram")
                .containsEntry("rdht_get_seconds", "histogram")
                .containsEntry("rdht_listen_delivery_seconds", "histogram");
        assertThat(text.types.keySet().stream().filter(t -> t.startsWith("rdht_") && t.endsWith("_total")))
                .hasSize(first.stats().byName().size());
        assertThat(text.value("rdht_datagrams_in_total", "")).isPositive();
        assertThat(text.value("rdht_routing_contacts", "family=\"ipv4\"")).isEqualTo(1);
        assertThat(text.value("rdht_storage_values", "")).isEqualTo(2);
        assertThat(text.value("rdht_listens_ours", "")).isEqualTo(1);
        assertThat(text.value("rdht_put_seconds_count", "outcome=\"stored\"")).isEqualTo(1);
        assertThat(text.value("rdht_get_seconds_count", "outcome=\"done\"")).isEqualTo(1);
        assertThat(text.value("rdht_listen_delivery_seconds_count", "")).isEqualTo(1);
        assertThat(text.value("rdht_put_seconds_bucket", "outcome=\"stored\"", "le=\"+Inf\""))
                .isEqualTo(1);
    }

    @Test
    void healthIsUnavailableWithoutContactsAndUpOnceAnotherNodeJoins() throws Exception {
        DhtNode lonely = node(DhtConfig.builder().bootstrap("127.0.0.1:1"));
        NodeHttpServer server = serve(new HealthRoute(lonely, false));

        HttpResponse<String> before = get(server, "/health");
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.body()).isEqualTo("{\"status\":\"no contacts\",\"contacts\":0,\"first_node\":false}\n");

        node(DhtConfig.builder().bootstrap("127.0.0.1:" + lonely.address().getPort()));
        await().atMost(WAIT).until(() -> get(server, "/health").statusCode() == 200);
        assertThat(get(server, "/health").body()).startsWith("{\"status\":\"up\",\"contacts\":1,");
    }

    @Test
    void theFirstNodeOfANetworkIsHealthyAlone() throws Exception {
        DhtNode first = node(DhtConfig.builder());
        NodeHttpServer server = serve(new HealthRoute(first, true));

        HttpResponse<String> response = get(server, "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"first_node\":true");
    }

    @Test
    void unknownPathsGet404AndBodiesOverTheLimit413() throws Exception {
        DhtNode first = node(DhtConfig.builder());
        NodeHttpServer server = serve(new HealthRoute(first, true));

        assertThat(get(server, "/nothing-here").statusCode()).isEqualTo(404);
        HttpResponse<String> big = client.send(
                HttpRequest.newBuilder(uri(server, "/health"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[NodeHttpServer.MAX_BODY_BYTES + 1]))
                        .timeout(WAIT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(get(server, "/health").statusCode()).isEqualTo(200);
    }
}
