package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code rdht node} with its default bind, {@code ::}: one dual-stack socket that IPv4 and IPv6
 * peers reach, over 127.0.0.1 and ::1; and bootstrap addresses written {@code [::1]:PORT} on the
 * command line and in {@code DHT_BOOTSTRAP}.
 */
class DualStackProcessTest extends ProcessTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern HTTP = Pattern.compile("serving /metrics and /health on (http://\\S+)");

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(WAIT).build();

    private static DhtNode joining(String bindHost, String bootstrap) {
        return DhtNode.create(DhtConfig.builder()
                        .bindHost(bindHost)
                        .port(0)
                        .bootstrap(bootstrap)
                        .build())
                .start()
                .block(WAIT);
    }

    @Test
    void aNodeWithDefaultBindsServesIpv4AndIpv6PeersOverBothLoopbacks() throws Exception {
        RdhtProcess node = track(RdhtProcess.start(config, Map.of(), "node", "-p", "0", "--http", "0"));
        node.closeInput();
        String address = node.address(START);
        Matcher http = HTTP.matcher(node.awaitLine(l -> HTTP.matcher(l).find(), START));
        assertThat(http.find()).isTrue();
        assertThat(address).startsWith("[::]:");
        String port = address.substring(address.lastIndexOf(':') + 1);

        try (DhtNode v4 = joining("127.0.0.1", "127.0.0.1:" + port);
                DhtNode v6 = joining("::1", "[::1]:" + port)) {
            assertThat(v4.put(InfoHash.of("from-v4"), Value.of("four"))
                            .block(WAIT)
                            .storers())
                    .extracting(n -> n.address().getAddress().getHostAddress())
                    .contains("127.0.0.1");
            assertThat(v6.put(InfoHash.of("from-v6"), Value.of("six"))
                            .block(WAIT)
                            .storers())
                    .extracting(n -> n.address().getAddress().getHostAddress())
                    .contains("0:0:0:0:0:0:0:1");
            HttpResponse<String> metrics = client.send(
                    HttpRequest.newBuilder(URI.create(http.group(1) + "/metrics"))
                            .timeout(WAIT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body())
                    .contains(
                            "rdht_routing_contacts{family=\"ipv4\"} 1.0", "rdht_routing_contacts{family=\"ipv6\"} 1.0");
            // the node holds each value and serves it to the other family
            assertThat(v6.get(InfoHash.of("from-v4"))
                            .map(Value::dataAsText)
                            .collectList()
                            .block(WAIT))
                    .containsExactly("four");
            assertThat(v4.get(InfoHash.of("from-v6"))
                            .map(Value::dataAsText)
                            .collectList()
                            .block(WAIT))
                    .containsExactly("six");

            RdhtProcess getByFlag = track(
                    RdhtProcess.start(config, Map.of(), "get", "from-v6", "-b", "[::1]:" + port, "--bind", "::1"));
            assertThat(getByFlag.awaitExit(START)).as(getByFlag.stderr()).isZero();
            assertThat(getByFlag.stdout()).contains("\"six\"");

            RdhtProcess getByEnv = track(RdhtProcess.start(
                    config, Map.of("DHT_BOOTSTRAP", "[::1]:" + port), "get", "from-v4", "--bind", "::1"));
            assertThat(getByEnv.awaitExit(START)).as(getByEnv.stderr()).isZero();
            assertThat(getByEnv.stdout()).contains("\"four\"");
        }
        node.terminate();
        assertThat(node.awaitExit(WAIT)).as(node.stderr()).isZero();
    }
}
