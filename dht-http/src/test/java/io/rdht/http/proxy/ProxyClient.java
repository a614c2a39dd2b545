package io.rdht.http.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP/1.1 client of a proxy API (rdht's gateway or OpenDHT's), on 127.0.0.1. */
final class ProxyClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT)
            .build();
    private final int port;
    private final List<java.util.stream.Stream<String>> streams = new ArrayList<>();

    ProxyClient(int port) {
        this.port = port;
    }

    /** The port asked. */
    int port() {
        return port;
    }

    /** An answer: status, content type and body. */
    record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
        /** The body's lines, each parsed as JSON. */
        List<JsonNode> lines() {
            return body.lines()
                    .filter(l -> !l.isBlank())
                    .map(ProxyClient::parse)
                    .toList();
        }

        /** The body as one JSON value. */
        JsonNode json() {
            return parse(body);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Answer send(String method, String path) throws IOException, InterruptedException {
        return send(method, path, null, Map.of());
    }

    Answer send(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, Map.of());
    }

    Answer send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .timeout(WAIT)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), r);
    }

    /** Opens a stream with {@code method} on {@code path}; its lines arrive in the queue returned. */
    Stream stream(String method, String path) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<java.util.stream.Stream<String>> head =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        java.util.stream.Stream<String> body = head.body();
        synchronized (streams) {
            streams.add(body);
        }
        Thread.ofVirtual().start(() -> {
            try {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the stream was closed by close(), or the server ended it
            }
        });
        return new Stream(
                head.statusCode(), head.headers().firstValue("Content-Type").orElse(null), lines);
    }

    /** An open stream: its status, content type, and lines as they come. */
    record Stream(int status, String contentType, BlockingQueue<String> lines) {
        /** The next line as JSON, waiting at most {@link #WAIT}; fails if none comes. */
        JsonNode next() throws InterruptedException {
            String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no line on the stream within " + WAIT);
            }
            return parse(line);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Cancels the open streams and closes the client. */
    @Override
    public void close() {
        synchronized (streams) {
            streams.forEach(java.util.stream.Stream::close);
        }
        client.shutdownNow();
    }
}
