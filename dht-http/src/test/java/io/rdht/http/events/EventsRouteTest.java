package io.rdht.http.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelOption;
import io.rdht.core.DhtConfig;
import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.http.HttpRoute;
import io.rdht.http.NodeHttpServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** {@code GET /{key}/events} on a real node and HTTP server, read by the JDK's HTTP client. */
class EventsRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InfoHash KEY = InfoHash.of("pollution_level");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private DhtNode server;
    private DhtNode publisher;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        http.close();
    }

    private NodeHttpServer serve(EventLimits limits, HttpRoute... before) {
        server = node(DhtConfig.builder());
        publisher = node(
                DhtConfig.builder().bootstrap("127.0.0.1:" + server.address().getPort()));
        EventsRoute events = new EventsRoute(server, limits, Schedulers.parallel(), new SplittableRandom(7));
        open.add(events);
        List<HttpRoute> routes = new ArrayList<>(List.of(before));
        routes.add(events);
        NodeHttpServer s = NodeHttpServer.start(new InetSocketAddress("127.0.0.1", 0), routes)
                .block(WAIT);
        open.add(s);
        return s;
    }

    private DhtNode node(DhtConfig.Builder config) {
        DhtNode node = DhtNode.create(config.bindHost("127.0.0.1").port(0).build())
                .start()
                .block(WAIT);
        open.add(node);
        return node;
    }

    private SseClient subscribe(NodeHttpServer s, String path, String lastEventId) throws Exception {
        SseClient c = SseClient.open(
                http, URI.create("http://127.0.0.1:" + s.address().getPort() + path), lastEventId);
        open.add(c);
        return c;
    }

    /** Puts a value from the other node; a put the busy machine let time out is tried again, twice at most. */
    private void put(long id, String text) {
        publisher
                .put(
                        KEY,
                        Value.builder()
                                .id(id)
                                .text(text)
                                .contentType("application/json")
                                .build())
                .retryWhen(reactor.util.retry.Retry.max(2).filter(e -> e instanceof DhtException.NoReachableNodes))
                .block(WAIT);
    }

    private static JsonNode json(SseClient.Event e) throws Exception {
        return JSON.readTree(e.data());
    }

    /** "added 7 0", the event's kind, value id and seq: what must arrive exactly once. */
    private static String what(SseClient.Event e) throws Exception {
        JsonNode v = json(e);
        return e.type() + " " + v.get("id").asText() + " " + v.get("seq").asLong();
    }

    @Test
    void streamResumedWithLastEventIdGetsEveryEventExactlyOnce() throws Exception {
        NodeHttpServer s = serve(EventLimits.DEFAULT);
        SseClient first = subscribe(s, "/pollution_level/events", null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("text/event-stream");
        assertThat(first.next(WAIT).type())
                .as("an empty key's snapshot is just its sync event")
                .isEqualTo("sync");
        List<String> received = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            put(i, "{\"lvl_percent\":" + (10 * i) + "}");
        }
        SseClient.Event last = null;
        while (received.size() < 3) {
            last = first.next(WAIT);
            received.add(what(last));
        }
        first.close();
        for (int i = 4; i <= 6; i++) {
            put(i, "{\"lvl_percent\":" + (10 * i) + "}");
        }
        publisher
                .put(
                        KEY,
                        Value.builder()
                                .id(2)
                                .seq(1)
                                .text("{\"lvl_percent\":21}")
                                .contentType("application/json")
                                .build())
                .block(WAIT);
        // the server has numbered all of them before the client comes back
        await().atMost(WAIT).until(() -> server.storage().block(WAIT).toString().contains("21"));

        SseClient resumed = subscribe(s, "/pollution_level/events", last.lastId());
        put(99, "{\"lvl_percent\":99}");
        for (SseClient.Event e : resumed.until("added", WAIT)) {
            received.add(what(e));
        }
        while (!received.getLast().startsWith("added 99 ")) {
            received.add(what(resumed.next(WAIT)));
        }

        assertThat(received)
                .as("every event of the key exactly once across the reconnect")
                .containsExactlyInAnyOrder(
                        "added 1 0",
                        "added 2 0",
                        "added 3 0",
                        "added 4 0",
                        "added 5 0",
                        "added 6 0",
                        "updated 2 1",
                        "added 99 0");
    }

    @Test
    void eventsCarryTheValueAsOpenDhtProxyJsonWithTheReadingDecoded() throws Exception {
        NodeHttpServer s = serve(EventLimits.DEFAULT);
        put(0xfedcba9876543210L, "{\"lvl_percent\":39,\"lat\":39.09,\"long\":125.68}");
        SseClient c = subscribe(s, "/c6c7e2b17b27367a841b2795a76c49b3fb81590e/events", null);

        SseClient.Event added = c.until("added", WAIT).getLast();

        JsonNode v = json(added);
        assertThat(added.id()).as("each live event has an id").matches("[0-9a-z]+-1");
        assertThat(v.get("id").asText()).isEqualTo(Long.toUnsignedString(0xfedcba9876543210L));
        assertThat(v.get("data").asText())
                .isEqualTo(java.util.Base64.getEncoder()
                        .encodeToString("{\"lvl_percent\":39,\"lat\":39.09,\"long\":125.68}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(v.get("seq").asLong()).isZero();
        assertThat(v.get("json").get("lvl_percent").asInt()).isEqualTo(39);
    }

    @Test
    void unknownLastEventIdGetsAResetThenTheCurrentValues() throws Exception {
        NodeHttpServer s = serve(EventLimits.DEFAULT);
        SseClient first = subscribe(s, "/pollution_level/events", null);
        put(1, "{\"lvl_percent\":10}");
        first.until("added", WAIT);

        SseClient other = subscribe(s, "/pollution_level/events", "otherjournal-12");

        List<SseClient.Event> start = other.until("sync", WAIT);
        assertThat(start).extracting(SseClient.Event::type).containsExactly("reset", "added", "sync");
        assertThat(start.getLast().id())
                .as("the sync event carries the journal's head")
                .endsWith("-1");
    }

    @Test
    void resumingFromAnIdTheJournalNoLongerKeepsGetsAReset() throws Exception {
        NodeHttpServer s = serve(EventLimits.DEFAULT.withJournalEvents(2));
        SseClient first = subscribe(s, "/pollution_level/events", null);
        String sync = first.next(WAIT).id();
        first.close();
        for (int i = 1; i <= 3; i++) {
            put(i, "{\"lvl_percent\":" + i + "}");
        }
        await().atMost(WAIT).until(() -> server.storage().block(WAIT).toString().contains("\"lvl_percent\":3"));

        SseClient resumed = subscribe(s, "/pollution_level/events", sync);

        assertThat(resumed.until("sync", WAIT))
                .extracting(SseClient.Event::type)
                .containsExactly("reset", "added", "added", "added", "sync");
    }

    @Test
    void aClientThatStopsReadingGetsItsStreamEndedWithAnEndEventPastTheBacklog() throws Exception {
        EventLimits limits = new EventLimits(
                64,
                4096,
                64,
                4096,
                4L << 20,
                64L << 10,
                Duration.ofSeconds(15),
                Duration.ofMinutes(10),
                Duration.ofSeconds(60));
        serve(limits);
        EventsRoute events = new EventsRoute(server, limits, Schedulers.parallel(), new SplittableRandom(7));
        open.add(events);
        // the server's socket buffer small, as the kernel's autotuning would otherwise hold megabytes
        DisposableServer small = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .childOption(ChannelOption.SO_SNDBUF, 4096)
                .route(events::addTo)
                .bindNow(WAIT);
        open.add(small::disposeNow);
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress("127.0.0.1", small.port()));
            stuck.setSoTimeout((int) WAIT.toMillis());
            stuck.getOutputStream()
                    .write(("GET /pollution_level/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Accept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            await().atMost(WAIT).until(() -> server.listens().block(WAIT).size() == 1);
            String big = "x".repeat(20_000);
            int puts = 60;
            // the client reads nothing: the sockets' buffers (4 KiB each way), Netty's (64 KiB) and
            // the 64 KiB backlog fill up with these 1.6 MB of events
            for (int i = 0; i < puts; i++) {
                put(i + 1, "{\"n\":" + i + ",\"pad\":\"" + big + "\"}");
            }

            String received = readUntil(stuck, "event: end\n");
            int added = received.split("event: added").length - 1;
            String tail = received.substring(Math.max(0, received.length() - 200));
            assertThat(received.contains("event: end\ndata: {\"reason\":\"backlog\""))
                    .as("an end event after %d of %d events; the stream ended with: %s", added, puts, tail)
                    .isTrue();
            assertThat(added).as("events before the end").isPositive().isLessThan(puts);
        }
    }

    /** What {@code socket} gives until {@code marker} and the chunk after it, or until it times out or ends. */
    private static String readUntil(Socket socket, String marker) throws Exception {
        StringBuilder got = new StringBuilder();
        byte[] buffer = new byte[65536];
        long until = System.nanoTime() + WAIT.toNanos();
        int markerAt = -1;
        while (System.nanoTime() < until && (markerAt < 0 || got.indexOf("\n\n", markerAt) < 0)) {
            int n;
            try {
                n = socket.getInputStream().read(buffer);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (n < 0) {
                break;
            }
            got.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            markerAt = got.indexOf(marker);
        }
        return got.toString();
    }

    @Test
    void keepAliveCommentsComeAtTheStatedInterval() throws Exception {
        NodeHttpServer s = serve(EventLimits.DEFAULT.withBacklog(256 << 10, Duration.ofMillis(100)));
        SseClient c = subscribe(s, "/pollution_level/events", null);

        await().atMost(WAIT).until(() -> c.comments() >= 4);
    }

    @Test
    void streamsPastTheLimitPerClientAddressAreRefusedWith429() throws Exception {
        NodeHttpServer s = serve(EventLimits.DEFAULT.withStreams(2, 100));
        SseClient a = subscribe(s, "/a/events", null);
        SseClient b = subscribe(s, "/b/events", null);
        assertThat(List.of(a.status(), b.status())).containsOnly(200);

        SseClient third = subscribe(s, "/c/events", null);
        assertThat(third.status()).isEqualTo(429);
        a.close();

        await().atMost(WAIT).until(() -> {
            SseClient again = subscribe(s, "/c/events", null);
            again.close();
            return again.status() == 200;
        });
    }

    @Test
    void aKeyThatIsNeitherHexNorANameIsRefusedWith400() throws Exception {
        NodeHttpServer s = serve(EventLimits.DEFAULT);

        assertThat(subscribe(s, "/" + "x".repeat(EventsRoute.MAX_NAME_BYTES + 1) + "/events", null)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void eventsPathWinsOverAPatternRouteListedBeforeIt() throws Exception {
        HttpRoute byHashAndId = routes ->
                routes.get("/{hash}/{id}", (request, response) -> response.sendString(Mono.just("a value\n")));
        NodeHttpServer s = serve(EventLimits.DEFAULT, byHashAndId);

        SseClient c = subscribe(s, "/pollution_level/events", null);

        assertThat(c.contentType()).startsWith("text/event-stream");
        assertThat(c.next(WAIT).type()).isEqualTo("sync");
    }
}
