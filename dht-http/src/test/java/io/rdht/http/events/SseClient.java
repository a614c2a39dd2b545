package io.rdht.http.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test's server-sent events client on the JDK's HTTP client: it parses the stream as a browser
 * does (fields {@code id}, {@code event}, {@code data}, comments) on a thread of its own, and
 * hands each event to the test; closing it drops the connection.
 */
final class SseClient implements AutoCloseable {

    /** One event as received; {@code lastId} is the client's last event id after it, as a browser keeps it. */
    record Event(String type, String data, String id, String lastId) {}

    private static final Event CLOSED = new Event("closed", "", null, null);

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile int comments;

    private SseClient(HttpResponse<InputStream> response, String lastId) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(() -> read(lastId));
    }

    /** Opens {@code uri}, with {@code lastEventId} unless null. */
    static SseClient open(HttpClient http, URI uri, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()), lastEventId);
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    int comments() {
        return comments;
    }

    /** The next event, or fails after {@code wait}; {@code closed} when the server ended the stream. */
    Event next(Duration wait) throws InterruptedException {
        Event e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no event within " + wait);
        }
        return e;
    }

    /** Events until one of {@code type} (included), failing after {@code wait} in all. */
    List<Event> until(String type, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        List<Event> got = new ArrayList<>();
        while (true) {
            Event e = next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            got.add(e);
            if (e.type().equals(type) || e == CLOSED) {
                return got;
            }
        }
    }

    private void read(String lastId) {
        String id = lastId;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String type = null;
            StringBuilder data = new StringBuilder();
            String eventId = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (type != null || !data.isEmpty()) {
                        if (eventId != null) {
                            id = eventId;
                        }
                        events.add(new Event(type == null ? "message" : type, data.toString(), eventId, id));
                    }
                    type = null;
                    eventId = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                } else if (line.startsWith("id: ")) {
                    eventId = line.substring(4);
                }
            }
        } catch (IOException e) {
            // the test closed the connection, or the server did
        }
        events.add(CLOSED);
    }

    /** Drops the connection. */
    @Override
    public void close() throws IOException {
        response.body().close();
        reader.interrupt();
    }
}
