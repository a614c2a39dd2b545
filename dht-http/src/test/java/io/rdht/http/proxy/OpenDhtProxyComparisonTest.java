package io.rdht.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.http.NodeHttpServer;
import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/**
 * The same requests to Debian's {@code dhtnode --proxyserver} (OpenDHT 2.4.12, as a real process)
 * and to rdht's gateway: the answers must have the same status, content type, JSON field names
 * and JSON types, except where docs/HTTP.md says rdht answers differently (each such case is
 * asserted here as the difference it is). Skipped only when {@code dhtnode} is not installed; CI
 * installs it ({@code .ci/run}).
 */
class OpenDhtProxyComparisonTest {

    private static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static final List<AutoCloseable> OPEN = new ArrayList<>();

    private static ProxyClient opendht;
    private static ProxyClient rdht;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> dhtnode = onPath("dhtnode");
        assumeTrue(
                dhtnode.isPresent(),
                "dhtnode is not installed (apt-get install dhtnode): the comparison with"
                        + " OpenDHT's proxy is skipped; CI installs it");
        int udp = freeUdpPort();
        int proxy = freeTcpPort();
        Path logs = Files.createDirectories(Path.of("target", "dhtnode"));
        // dhtnode has no bind option: it listens on every interface; the test only ever talks to 127.0.0.1
        spawn(logs.resolve("storer.log"), dhtnode.get().toString(), "-s", "-p", Integer.toString(udp));
        spawn(
                logs.resolve("proxy.log"),
                dhtnode.get().toString(),
                "-s",
                "-p",
                "0",
                "-b",
                "127.0.0.1:" + udp,
                "--proxyserver",
                Integer.toString(proxy));
        opendht = new ProxyClient(proxy);
        OPEN.add(opendht);
        await().atMost(START_WAIT)
                .ignoreExceptions()
                .until(() ->
                        opendht.send("GET", "/").json().get("ipv4").get("good").intValue() >= 1);

        DhtNode storer = node(DhtConfig.builder());
        DhtNode node = node(
                DhtConfig.builder().bootstrap("127.0.0.1:" + storer.address().getPort()));
        ProxyGateway gateway = new ProxyGateway(
                node,
                Optional.empty(),
                GatewaySettings.DEFAULT,
                System::nanoTime,
                Schedulers.parallel(),
                new SecureRandom());
        OPEN.add(gateway);
        NodeHttpServer server = NodeHttpServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(gateway))
                .block(ProxyClient.WAIT);
        OPEN.add(server);
        rdht = new ProxyClient(server.address().getPort());
        OPEN.add(rdht);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : OPEN.reversed()) {
            c.close();
        }
        for (Process p : PROCESSES) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void nodeInfoHasTheSameShapeButForOpenDhtsIncomingCount() throws Exception {
        for (String path : List.of("/", "/node/info")) {
            Both both = both("GET", path, null);
            both.sameStatusAndType(200);
            assertThat(both.opendht.json().get("ipv4").has("incoming")).isTrue();
            assertThat(both.rdht.json().get("ipv4").has("incoming"))
                    .as("rdht does not count incoming contacts")
                    .isFalse();
            both.sameShape();
        }
    }

    @Test
    void statsHaveTheSameShape() throws Exception {
        Both both = both("GET", "/node/stats", null);
        both.sameStatusAndType(200);
        both.sameShape();
    }

    @Test
    void aPutAnswersTheStoredValueAndAGetListsItOnEveryPath() throws Exception {
        String key = "compare-" + System.nanoTime();
        Both put = both("POST", "/key/" + key, "{\"data\":\"" + base64("39") + "\"}");
        put.sameStatusAndType(200);
        put.sameShape();
        Both legacy = both("POST", "/" + key, "{\"data\":\"" + base64("41") + "\",\"id\":\"42\",\"type\":3}");
        legacy.sameStatusAndType(200);
        legacy.sameShape();
        assertThat(legacy.rdht.json().get("id").textValue())
                .isEqualTo(legacy.opendht.json().get("id").textValue());

        for (String path : List.of("/key/" + key, "/" + key)) {
            Both get = both("GET", path, null);
            get.sameStatusAndType(200);
            assertThat(get.opendht.lines()).hasSize(2);
            assertThat(get.rdht.lines()).hasSize(2);
            get.sameShape();
        }
    }

    @Test
    void aPermanentPutAnswersLikeAPut() throws Exception {
        Both both = both(
                "POST", "/key/permanent-" + System.nanoTime(), "{\"data\":\"" + base64("p") + "\",\"permanent\":true}");
        both.sameStatusAndType(200);
        both.sameShape();
    }

    @Test
    void badPutsAreRefusedWithTheSameStatusAndAnErrField() throws Exception {
        Both empty = both("POST", "/key/bad", null);
        empty.sameStatusAndType(400);
        empty.sameShape();
        Both notJson = both("POST", "/key/bad", "not json");
        notJson.sameStatusAndType(400);
        assertThat(notJson.opendht.json().has("err:"))
                .as("OpenDHT 2.4.12 spells this one's field err:")
                .isTrue();
        assertThat(notJson.rdht.json().has("err")).isTrue();
        Both array = both("POST", "/key/bad", "[1,2]");
        assertThat(array.opendht.status()).as("OpenDHT fails on a JSON array").isEqualTo(500);
        assertThat(array.rdht.status()).as("rdht names it a bad request").isEqualTo(400);
        array.sameShape();
    }

    @Test
    void optionsNameTheMethods() throws Exception {
        for (String[] form :
                List.of(new String[] {"OPTIONS", "/some-key"}, new String[] {"GET", "/key/some-key/options"})) {
            Both both = both(form[0], form[1], null);
            both.sameStatusAndType(200);
            assertThat(both.rdht.header("Access-Control-Allow-Methods")).contains("GET", "POST", "LISTEN");
            assertThat(both.opendht.body()).isEmpty();
            assertThat(both.rdht.body()).isEmpty();
        }
    }

    @Test
    void aListenStreamSendsStoredThenNewValuesOnePerLine() throws Exception {
        String key = "listen-" + System.nanoTime();
        both("POST", "/key/" + key, "{\"data\":\"" + base64("old") + "\"}").sameStatusAndType(200);
        ProxyClient.Stream theirs = opendht.stream("GET", "/key/" + key + "/listen");
        ProxyClient.Stream ours = rdht.stream("GET", "/key/" + key + "/listen");
        assertThat(ours.status()).isEqualTo(theirs.status()).isEqualTo(200);
        assertThat(ours.contentType()).isEqualTo(theirs.contentType());
        assertThat(shape(ours.next())).isEqualTo(shape(theirs.next()));

        both("POST", "/key/" + key, "{\"data\":\"" + base64("new") + "\"}");

        JsonNode theirNew = theirs.next();
        JsonNode ourNew = ours.next();
        assertThat(shape(ourNew)).isEqualTo(shape(theirNew));
        assertThat(ourNew.get("data").textValue())
                .isEqualTo(theirNew.get("data").textValue())
                .isEqualTo(base64("new"));
    }

    @Test
    void formsOnlyTheNewerDocsShowAreServedByRdhtWhereDebiansBuildAnswersNothingOr501() throws Exception {
        String key = "docs-" + System.nanoTime();
        Both put = both("POST", "/key/" + key, "{\"data\":\"" + base64("v") + "\",\"id\":\"77\"}");
        put.sameStatusAndType(200);

        assertThatThrownBy(() -> opendht.send("STATS", "/"))
                .as("2.4.12 drops the connection")
                .isInstanceOf(IOException.class);
        assertThat(rdht.send("STATS", "/").status()).isEqualTo(200);
        assertThatThrownBy(() -> opendht.stream("LISTEN", "/" + key)).hasRootCauseInstanceOf(IOException.class);
        ProxyClient.Stream listen = rdht.stream("LISTEN", "/" + key);
        assertThat(listen.status()).isEqualTo(200);
        assertThat(listen.next().get("id").textValue()).isEqualTo("77");
        Both byId = both("GET", "/" + key + "/77", null);
        assertThat(byId.opendht.status()).isEqualTo(501);
        assertThat(byId.rdht.status()).isEqualTo(200);
        assertThat(byId.rdht.lines()).hasSize(1);
    }

    @Test
    void openDhtLetsEveryOriginReadWhereRdhtSendsNoCorsHeaderUnlessConfigured() throws Exception {
        Map<String, String> fromPage = Map.of("Origin", "https://some.page.example");
        assertThat(opendht.send("GET", "/", null, fromPage).header("Access-Control-Allow-Origin"))
                .isEqualTo("*");
        assertThat(rdht.send("GET", "/", null, fromPage).header("Access-Control-Allow-Origin"))
                .isNull();
    }

    @Test
    void pathsNeitherServesAreRefused() throws Exception {
        Both both = both("GET", "/no/such/path/here", null);
        assertThat(both.opendht.status())
                .as("RESTinio's answer to a path it has no route for")
                .isEqualTo(501);
        assertThat(both.rdht.status()).as("rdht's server: no route, 404").isEqualTo(404);
    }

    /** One request's answers from both. */
    private record Both(ProxyClient.Answer opendht, ProxyClient.Answer rdht) {
        void sameStatusAndType(int status) {
            assertThat(opendht.status()).as("OpenDHT's status").isEqualTo(status);
            assertThat(rdht.status()).as("rdht's status").isEqualTo(status);
            assertThat(rdht.contentType()).isEqualTo(opendht.contentType()).isEqualTo(ProxyGateway.CONTENT_TYPE);
        }

        void sameShape() {
            assertThat(rdht.lines().stream()
                            .map(OpenDhtProxyComparisonTest::shape)
                            .distinct()
                            .toList())
                    .as("rdht's JSON fields and types, against OpenDHT's")
                    .isEqualTo(opendht.lines().stream()
                            .map(OpenDhtProxyComparisonTest::shape)
                            .distinct()
                            .toList());
        }
    }

    private static Both both(String method, String path, String body) throws Exception {
        return new Both(opendht.send(method, path, body), rdht.send(method, path, body));
    }

    /**
     * A JSON value's shape: an object's field names (OpenDHT's {@code err:} read as {@code err},
     * {@code incoming} left out: both asserted where they occur) each with its value's shape, or a
     * scalar's JSON type.
     */
    static Object shape(JsonNode node) {
        if (!node.isObject()) {
            return node.getNodeType().name();
        }
        Map<String, Object> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals("incoming")) {
                fields.put(f.getKey().equals("err:") ? "err" : f.getKey(), shape(f.getValue()));
            }
        }
        return fields;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static DhtNode node(DhtConfig.Builder config) {
        DhtNode node = DhtNode.create(config.bindHost("127.0.0.1").port(0).build())
                .start()
                .block(ProxyClient.WAIT);
        OPEN.add(node);
        return node;
    }

    private static void spawn(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        PROCESSES.add(p);
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
