package io.rdht.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The benchmark's thin client: N HTTP streams of values on one URL, one connection each, spread
 * over loopback source addresses (127.0.0.1, .2, ...: {@value #STREAMS_PER_ADDRESS} each, under
 * servers' per-address limits). Each line is a value as JSON ({@code data: } lines of server-sent
 * events, or OpenDHT's one JSON value per line); the value's data is {@code "n t"}, put number
 * and the put's {@link System#nanoTime()}: each value counted once per stream and its put→event
 * latency recorded.
 */
final class EventStreams implements AutoCloseable {

    /** Streams opened from one source address. */
    static final int STREAMS_PER_ADDRESS = 50;

    /** The first word of a put's data that the client does not count. */
    static final String WARM_UP = "warmup";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Recorder latency = new Recorder(3);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final List<Disposable> streams = new ArrayList<>();

    /** Opens {@code n} streams of {@code host:port} {@code path}. */
    EventStreams(String host, int port, String path, int n) {
        ConnectionProvider each = ConnectionProvider.newConnection();
        for (int i = 0; i < n; i++) {
            String from = "127.0.0." + (1 + i / STREAMS_PER_ADDRESS);
            BitSet seen = new BitSet();
            StringBuilder partial = new StringBuilder();
            streams.add(HttpClient.create(each)
                    .bindAddress(() -> new InetSocketAddress(from, 0))
                    .get()
                    .uri("http://" + host + ":" + port + path)
                    .response((response, body) -> {
                        if (response.status().code() == 200) {
                            open.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        return body.asString(StandardCharsets.UTF_8);
                    })
                    .subscribe(chunk -> lines(partial, chunk, seen), e -> failed.incrementAndGet()));
        }
    }

    /** Streams the server answered with 200. */
    int open() {
        return open.get();
    }

    /** Streams refused or broken. */
    int failed() {
        return failed.get();
    }

    /** Values received once per stream, and again (should be none). */
    int delivered() {
        return delivered.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    /** The latencies recorded so far, in nanoseconds. */
    org.HdrHistogram.Histogram latencies() {
        return latency.getIntervalHistogram();
    }

    private void lines(StringBuilder partial, String chunk, BitSet seen) {
        long now = System.nanoTime();
        partial.append(chunk);
        int end;
        while ((end = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, end);
            partial.delete(0, end + 1);
            value(line.startsWith("data: ") ? line.substring(6) : line, now, seen);
        }
    }

    private void value(String line, long now, BitSet seen) {
        if (!line.startsWith("{")) {
            return;
        }
        JsonNode data;
        try {
            data = JSON.readTree(line).get("data");
        } catch (java.io.IOException e) {
            return;
        }
        if (data == null || !data.isTextual()) {
            return;
        }
        String[] put = new String(Base64.getDecoder().decode(data.asText()), StandardCharsets.UTF_8).split(" ");
        if (put.length != 2 || put[0].equals(WARM_UP)) {
            return;
        }
        int n = Integer.parseInt(put[0]);
        synchronized (seen) {
            if (seen.get(n)) {
                duplicates.incrementAndGet();
                return;
            }
            seen.set(n);
        }
        delivered.incrementAndGet();
        latency.recordValue(Math.max(0, now - Long.parseLong(put[1])));
    }

    @Override
    public void close() {
        streams.forEach(Disposable::dispose);
    }
}
