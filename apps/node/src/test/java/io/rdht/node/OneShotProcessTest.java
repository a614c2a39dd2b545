package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rdht.core.InfoHash;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code rdht get} and {@code rdht put} as processes, against a console node process. */
class OneShotProcessTest extends ProcessTest {

    static final Duration START = Duration.ofSeconds(60);
    static final Duration RUN = Duration.ofSeconds(60);

    private RdhtProcess rdht(Map<String, String> env, String... args) throws IOException {
        return track(RdhtProcess.start(config, env, args));
    }

    @Test
    void putThenGetThroughARunningNode() throws Exception {
        String address = node().address(START);

        RdhtProcess put = rdht(Map.of(), "put", "greeting", "hello world", "-b", address, "--bind", "127.0.0.1");
        assertThat(put.awaitExit(RUN)).as(put.stderr()).isZero();
        assertThat(put.stdout()).matches("stored [0-9a-f]{16} on [12] nodes?");
        String valueId = put.stdout().split(" ")[1];

        // The bootstrap node may come from the environment as well as from -b.
        RdhtProcess get = rdht(Map.of("DHT_BOOTSTRAP", address), "get", "greeting", "--bind", "127.0.0.1");
        assertThat(get.awaitExit(RUN)).as(get.stderr()).isZero();
        assertThat(get.stdout()).isEqualTo(valueId + " seq=0 text/plain \"hello world\" ttl=10m");
    }

    @Test
    void getAsJsonPrintsOneObjectPerValue() throws Exception {
        // A lone node has nobody to store for it: the value is put from a second console node.
        String address = node().address(START);
        RdhtProcess writer = RdhtProcess.console(config, address);
        track(writer);
        writer.address(START);
        writer.send("p greeting hello world");
        String valueId = writer.awaitLine(l -> l.startsWith("stored ") || l.startsWith("error"), RUN)
                .split(" ")[1];

        // Options may come before the subcommand too.
        RdhtProcess json = rdht(
                Map.of(),
                "-b",
                address,
                "--bind",
                "127.0.0.1",
                "get",
                "--json",
                InfoHash.of("greeting").toHex());
        assertThat(json.awaitExit(RUN)).as(json.stderr()).isZero();
        JsonNode value = new ObjectMapper().readTree(json.stdout());
        assertThat(value.get("key").asText()).isEqualTo(InfoHash.of("greeting").toHex());
        assertThat(value.get("id").asText()).isEqualTo(valueId);
        assertThat(value.get("text").asText()).isEqualTo("hello world");
        assertThat(value.get("contentType").asText()).isEqualTo("text/plain");
        assertThat(value.get("ttlSeconds").asLong()).isEqualTo(600);
        assertThat(value.get("signed").asBoolean()).isFalse();
    }

    private RdhtProcess node() throws IOException {
        RdhtProcess node = RdhtProcess.console(config);
        track(node);
        return node;
    }

    @Test
    void getWithNoNodeAtTheBootstrapAddressExitsThreeNamingIt() throws Exception {
        int silentPort;
        // A bound socket that never answers: nothing else can take the port while the test runs.
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silentPort = silent.getLocalPort();
            long start = System.nanoTime();
            RdhtProcess get = rdht(Map.of(), "get", "somekey", "-b", "127.0.0.1:" + silentPort, "--bind", "127.0.0.1");
            assertThat(get.awaitExit(Duration.ofSeconds(15))).isEqualTo(3);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(get.stderr()).isEqualTo("rdht: no node answered at 127.0.0.1:" + silentPort);
            assertThat(get.stdout()).isEmpty();
        }
    }

    @Test
    void badKeyExitsTwoWithAMessageAndNoStackTrace() throws Exception {
        RdhtProcess get = rdht(Map.of(), "get", "0123456789abcdef0123456789abcdef01234567ff");
        assertThat(get.awaitExit(RUN)).isEqualTo(2);
        assertThat(get.stderr())
                .contains("has 42 hex digits; an id has 40")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void unknownOptionExitsTwoWithUsageAndNoStackTrace() throws Exception {
        RdhtProcess get = rdht(Map.of(), "get", "--frobnicate", "somekey");
        assertThat(get.awaitExit(RUN)).isEqualTo(2);
        assertThat(get.stderr())
                .contains("Unknown option: '--frobnicate'")
                .contains("Usage: rdht get")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void badBootstrapFromTheEnvironmentExitsTwoNamingTheVariable() throws Exception {
        RdhtProcess put = rdht(Map.of("DHT_BOOTSTRAP", "nohost"), "put", "k", "v");
        assertThat(put.awaitExit(RUN)).isEqualTo(2);
        assertThat(put.stderr()).isEqualTo("rdht: DHT_BOOTSTRAP: expected host:port, got 'nohost'");
    }
}
