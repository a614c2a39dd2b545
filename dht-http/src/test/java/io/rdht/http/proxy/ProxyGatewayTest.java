package io.rdht.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.crypto.Identity;
import io.rdht.crypto.PublicKey;
import io.rdht.http.HealthRoute;
import io.rdht.http.HttpRoute;
import io.rdht.http.NodeHttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/** rdht's gateway alone, asked by a real HTTP client over 127.0.0.1. */
class ProxyGatewayTest {

    private static final String TOKEN = "s3cret-token-of-the-test";

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
                .block(ProxyClient.WAIT);
        open.add(node);
        return node;
    }

    /** A node joined to another one, so that puts have a storer. */
    private DhtNode joinedNode(DhtConfig.Builder config) {
        DhtNode first = node(DhtConfig.builder());
        return node(config.bootstrap("127.0.0.1:" + first.address().getPort()));
    }

    private ProxyClient serve(
            DhtNode node,
            Optional<PublicKey> identity,
            GatewaySettings settings,
            LongSupplier nanoTime,
            HttpRoute... before) {
        ProxyGateway gateway =
                new ProxyGateway(node, identity, settings, nanoTime, Schedulers.parallel(), new SecureRandom());
        open.add(gateway);
        List<HttpRoute> routes = new ArrayList<>(List.of(before));
        routes.add(gateway);
        NodeHttpServer server = NodeHttpServer.start(new InetSocketAddress("127.0.0.1", 0), routes)
                .block(ProxyClient.WAIT);
        open.add(server);
        ProxyClient client = new ProxyClient(server.address().getPort());
        open.add(client);
        return client;
    }

    private ProxyClient serve(DhtNode node) {
        return serve(node, Optional.empty(), GatewaySettings.DEFAULT, System::nanoTime);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nodeInfoOnRootAndNodeInfoNamesTheNodeItsContactsAndTheClientsAddress() throws Exception {
        DhtNode node = joinedNode(DhtConfig.builder());
        ProxyClient client = serve(node);

        for (String path : List.of("/", "/node/info")) {
            ProxyClient.Answer a = client.send("GET", path);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.contentType()).isEqualTo("application/json");
            JsonNode info = a.json();
            assertThat(info.get("node_id").textValue()).isEqualTo(node.id().toHex());
            assertThat(info.get("ipv4").get("good").intValue()).isEqualTo(1);
            assertThat(info.get("ipv6").get("good").intValue()).isZero();
            assertThat(info.get("public_ip").textValue()).isEqualTo("127.0.0.1");
            assertThat(info.has("id")).as("no identity, no id").isFalse();
        }
    }

    @Test
    void aPutValueIsReadBackByNameByHexKeyAndById() throws Exception {
        ProxyClient client = serve(joinedNode(DhtConfig.builder()));

        ProxyClient.Answer put = client.send("POST", "/key/pollution_level", "{\"data\":\"" + base64("39") + "\"}");

        assertThat(put.status()).isEqualTo(200);
        JsonNode stored = put.json();
        String id = stored.get("id").textValue();
        assertThat(Long.parseUnsignedLong(id)).isNotZero();
        assertThat(stored.get("data").textValue()).isEqualTo(base64("39"));
        assertThat(stored.get("type").intValue()).isZero();
        assertThat(stored.has("seq"))
                .as("an unsigned value at seq 0 has no seq, as in OpenDHT")
                .isFalse();
        String hex = InfoHash.of("pollution_level").toHex();
        for (String path :
                List.of("/key/pollution_level", "/pollution_level", "/key/" + hex, "/" + hex, "/" + hex + "/" + id)) {
            ProxyClient.Answer get = client.send("GET", path);
            assertThat(get.status()).as(path).isEqualTo(200);
            assertThat(get.lines()).as(path).containsExactly(stored);
        }
        ProxyClient.Answer missing = client.send("GET", "/" + hex + "/12345");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("err").textValue()).contains("12345");
    }

    @Test
    void putOnTheOldPathsTakesTheIdFromThePathOrTheBodyAndKeepsTheContentTypeAsUtype() throws Exception {
        ProxyClient client = serve(joinedNode(DhtConfig.builder()));

        ProxyClient.Answer legacy = client.send(
                "POST",
                "/sensors",
                "{\"data\":\"" + base64("a") + "\",\"id\":\"42\",\"type\":3,\"utype\":\"text/plain\"}");
        ProxyClient.Answer byPath =
                client.send("PUT", "/sensors/18446744073709551615", "{\"data\":\"" + base64("b") + "\",\"id\":7}");

        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.json().get("id").textValue()).isEqualTo("42");
        assertThat(legacy.json().get("utype").textValue()).isEqualTo("text/plain");
        assertThat(byPath.status()).isEqualTo(200);
        assertThat(byPath.json().get("id").textValue())
                .as("the largest unsigned id, as a string")
                .isEqualTo("18446744073709551615");
        assertThat(client.send("GET", "/key/sensors").lines())
                .extracting(v -> v.get("id").textValue())
                .containsExactlyInAnyOrder("42", "18446744073709551615");
    }

    @Test
    void badPutsAreRefusedWith400NamingTheProblem() throws Exception {
        ProxyClient client = serve(joinedNode(DhtConfig.builder()));

        Map<String, String> bodies = Map.of(
                "", "empty",
                "not json", "not JSON",
                "[1,2]", "JSON object",
                "{\"data\":5}", "data must be a base64 string",
                "{\"data\":\"***\"}", "data is not base64",
                "{\"id\":\"-1\"}", "value id",
                "{\"data\":\"\",\"cypher\":\"AA==\"}", "encrypted");
        for (Map.Entry<String, String> e : bodies.entrySet()) {
            ProxyClient.Answer a = client.send("POST", "/key/k", e.getKey());
            assertThat(a.status()).as(e.getKey()).isEqualTo(400);
            assertThat(a.contentType()).isEqualTo("application/json");
            assertThat(a.json().get("err").textValue()).as(e.getKey()).contains(e.getValue());
        }
        ProxyClient.Answer badKey = client.send("GET", "/key/" + "a".repeat(39));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json().get("err").textValue()).contains("39 hex digits");
    }

    @Test
    void aPutThatReachesNoNodeIs502AndAGetThatReachesNoneIsEmpty() throws Exception {
        ProxyClient client = serve(node(DhtConfig.builder().bootstrap("127.0.0.1:1")));

        ProxyClient.Answer put = client.send("POST", "/key/alone", "{\"data\":\"AA==\"}");
        ProxyClient.Answer get = client.send("GET", "/key/alone");

        assertThat(put.status()).isEqualTo(502);
        assertThat(put.json().get("err").textValue()).contains("no node");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEmpty();
    }

    @Test
    void aListenStreamSendsStoredValuesThenNewOnesOneJsonObjectPerLine() throws Exception {
        DhtNode node = joinedNode(DhtConfig.builder());
        ProxyClient client = serve(node);
        client.send("POST", "/key/room", "{\"data\":\"" + base64("before") + "\",\"id\":\"1\"}");

        List<ProxyClient.Stream> streams = new ArrayList<>();
        for (String[] form : List.of(new String[] {"GET", "/key/room/listen"}, new String[] {"LISTEN", "/room"})) {
            ProxyClient.Stream stream = client.stream(form[0], form[1]);
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).isEqualTo("application/json");
            assertThat(stream.next().get("id").textValue()).isEqualTo("1");
            streams.add(stream);
        }
        client.send("POST", "/key/room", "{\"data\":\"" + base64("after") + "\",\"id\":\"2\"}");
        for (ProxyClient.Stream stream : streams) {
            assertThat(stream.next().get("id").textValue()).isEqualTo("2");
        }

        JsonNode stats = client.send("GET", "/node/stats").json();
        assertThat(stats.get("listenCount").intValue()).isEqualTo(2);
    }

    @Test
    void aStreamWhoseClientLeavesFreesItsPlace() throws Exception {
        DhtNode node = joinedNode(DhtConfig.builder());
        ProxyClient client = serve(node);
        ProxyClient leaving = new ProxyClient(client.port());
        leaving.stream("GET", "/key/door/listen");
        await().atMost(ProxyClient.WAIT)
                .until(() -> client.send("GET", "/node/stats")
                                .json()
                                .get("listenCount")
                                .intValue()
                        == 1);

        leaving.close();

        await().atMost(ProxyClient.WAIT)
                .until(() -> client.send("GET", "/node/stats")
                                .json()
                                .get("listenCount")
                                .intValue()
                        == 0);
        await().atMost(ProxyClient.WAIT)
                .until(() -> node.listens().block(ProxyClient.WAIT).isEmpty());
    }

    @Test
    void aNewValueArrivesOnAnOpenStream() throws Exception {
        ProxyClient client = serve(joinedNode(DhtConfig.builder()));
        ProxyClient.Stream stream = client.stream("GET", "/key/fresh/listen");

        client.send("POST", "/key/fresh", "{\"data\":\"" + base64("new") + "\",\"id\":\"5\"}");

        JsonNode line = stream.next();
        assertThat(line.get("id").textValue()).isEqualTo("5");
        assertThat(line.get("data").textValue()).isEqualTo(base64("new"));
    }

    @Test
    void statsCountPermanentPutsAndAPermanentPutPostedAgainIsRenewedNotAdded() throws Exception {
        ProxyClient client = serve(joinedNode(DhtConfig.builder()));

        ProxyClient.Answer first =
                client.send("POST", "/key/kept", "{\"data\":\"" + base64("x") + "\",\"permanent\":true}");
        ProxyClient.Answer again =
                client.send("POST", "/key/kept", "{\"data\":\"" + base64("x") + "\",\"permanent\":true}");
        client.send("POST", "/key/kept2", "{\"data\":\"" + base64("y") + "\",\"permanent\":{}}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        for (String[] form : List.of(new String[] {"GET", "/node/stats"}, new String[] {"STATS", "/"})) {
            JsonNode stats = client.send(form[0], form[1]).json();
            assertThat(stats.get("putCount").intValue()).isEqualTo(2);
            assertThat(stats.get("totalPermanentPuts").intValue()).isEqualTo(2);
            assertThat(stats.get("pushListenersCount").intValue()).isZero();
            assertThat(stats.get("requestRate").isDouble()).isTrue();
            assertThat(stats.get("nodeInfo").has("node_id")).isTrue();
        }
    }

    @Test
    void aSignedPutCarriesTheOwnerAsPemItsSeqAndSignature() throws Exception {
        Identity identity = Identity.generate();
        DhtNode node = joinedNode(DhtConfig.builder().identity(identity));
        ProxyClient client = serve(node, Optional.of(identity.publicKey()), GatewaySettings.DEFAULT, System::nanoTime);

        ProxyClient.Answer signed = client.send("POST", "/key/mine/sign", "{\"data\":\"" + base64("signed") + "\"}");

        assertThat(signed.status()).isEqualTo(200);
        JsonNode v = client.send("GET", "/key/mine").lines().getFirst();
        assertThat(v.get("owner").textValue()).startsWith("-----BEGIN PUBLIC KEY-----\n");
        String pem = v.get("owner").textValue().replaceAll("-----[A-Z ]+-----|\\s", "");
        byte[] der = Base64.getDecoder().decode(pem);
        assertThat(java.util.Arrays.copyOfRange(der, der.length - PublicKey.LENGTH, der.length))
                .as("the raw key ends the SubjectPublicKeyInfo")
                .isEqualTo(identity.publicKey().toBytes());
        assertThat(Base64.getDecoder().decode(v.get("sig").textValue())).hasSize(PublicKey.SIGNATURE_LENGTH);
        assertThat(v.get("seq").isIntegralNumber()).isTrue();
        assertThat(client.send("GET", "/").json().get("id").textValue())
                .isEqualTo(identity.publicKey().shortId());
    }

    @Test
    void aSignedValuePostedWithItsOwnerAndSignatureIsRefusedWithTheWayToSignIt() throws Exception {
        Identity identity = Identity.generate();
        DhtNode signer = joinedNode(DhtConfig.builder().identity(identity));
        Value stored = signer.putSigned(InfoHash.of("relay"), Value.of("hop"))
                .block(ProxyClient.WAIT)
                .value();
        ProxyClient client = serve(joinedNode(DhtConfig.builder()));

        ProxyClient.Answer relayed = client.send("POST", "/key/relay", ValueJson.line(stored));

        assertThat(relayed.status()).isEqualTo(400);
        assertThat(relayed.json().get("err").textValue()).contains("/sign");
    }

    @Test
    void withATokenWritesNeedItAndReadsDoNot() throws Exception {
        ProxyClient client = serve(
                joinedNode(DhtConfig.builder()),
                Optional.empty(),
                new GatewaySettings(Optional.of(TOKEN), List.of()),
                System::nanoTime);
        String body = "{\"data\":\"AA==\"}";

        ProxyClient.Answer none = client.send("POST", "/key/locked", body);
        ProxyClient.Answer wrong =
                client.send("POST", "/key/locked", body, Map.of("Authorization", "Bearer " + TOKEN + "x"));
        ProxyClient.Answer right = client.send("POST", "/key/locked", body, Map.of("Authorization", "Bearer " + TOKEN));

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(client.send("PUT", "/locked/9", body).status()).isEqualTo(401);
        assertThat(right.status()).isEqualTo(200);
        assertThat(client.send("GET", "/key/locked").status()).isEqualTo(200);
    }

    @Test
    void corsHeadersGoOnlyToConfiguredOrigins() throws Exception {
        ProxyClient closed = serve(joinedNode(DhtConfig.builder()));
        ProxyClient opened = serve(
                joinedNode(DhtConfig.builder()),
                Optional.empty(),
                new GatewaySettings(Optional.empty(), List.of("https://map.example")),
                System::nanoTime);
        Map<String, String> fromMap = Map.of("Origin", "https://map.example");

        assertThat(closed.send("GET", "/", null, fromMap).header("Access-Control-Allow-Origin"))
                .isNull();
        assertThat(opened.send("GET", "/", null, fromMap).header("Access-Control-Allow-Origin"))
                .isEqualTo("https://map.example");
        assertThat(opened.send("GET", "/", null, Map.of("Origin", "https://evil.example"))
                        .header("Access-Control-Allow-Origin"))
                .isNull();
        ProxyClient.Answer preflight = opened.send("OPTIONS", "/key/k", null, fromMap);
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST", "LISTEN");
        assertThat(opened.send("GET", "/key/k/options").status()).isEqualTo(200);
    }

    @Test
    void aClientOverItsRequestBudgetGets429WithRetryAfter() throws Exception {
        long frozen = System.nanoTime();
        ProxyClient client =
                serve(joinedNode(DhtConfig.builder()), Optional.empty(), GatewaySettings.DEFAULT, () -> frozen);

        for (int i = 0; i < GatewayLimits.REQUEST_BURST; i++) {
            assertThat(client.send("GET", "/node/info").status())
                    .as("request %d", i)
                    .isEqualTo(200);
        }
        ProxyClient.Answer over = client.send("GET", "/node/info");

        assertThat(over.status()).isEqualTo(429);
        assertThat(over.header("Retry-After")).isEqualTo("1");
        assertThat(over.json().get("err").textValue()).contains("at most " + GatewayLimits.REQUESTS_PER_SECOND);
    }

    @Test
    void aChunkedBodyOverTheLimitGets413() throws Exception {
        ProxyClient client = serve(joinedNode(DhtConfig.builder()));
        java.net.http.HttpClient raw = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        open.add(raw::shutdownNow);
        byte[] big = new byte[GatewayLimits.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        // a publisher of unknown length: the client sends it chunked, with no Content-Length
        var body = java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(big));
        var response = raw.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + client.port() + "/key/big"))
                        .POST(body)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void theNodesOwnPathsWinOverKeysOfTheSameNameWhateverTheOrder() throws Exception {
        DhtNode node = joinedNode(DhtConfig.builder());
        ProxyGateway gateway = new ProxyGateway(
                node,
                Optional.empty(),
                GatewaySettings.DEFAULT,
                System::nanoTime,
                Schedulers.parallel(),
                new SecureRandom());
        open.add(gateway);
        HttpRoute events = routes ->
                routes.get("/{key}/events", (req, res) -> res.sendString(reactor.core.publisher.Mono.just("events")));
        NodeHttpServer server = NodeHttpServer.start(
                        new InetSocketAddress("127.0.0.1", 0), List.of(gateway, new HealthRoute(node, true), events))
                .block(ProxyClient.WAIT);
        open.add(server);
        ProxyClient client = new ProxyClient(server.address().getPort());
        open.add(client);

        assertThat(client.send("GET", "/health").body()).contains("\"status\":\"up\"");
        assertThat(client.send("GET", "/room/events").body()).isEqualTo("events");
        assertThat(client.send("GET", "/room").status()).isEqualTo(200);
        assertThat(client.send("DELETE", "/room").status())
                .as("a method the API lacks")
                .isEqualTo(404);
    }
}
