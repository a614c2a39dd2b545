package io.rdht.http.events;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.http.HttpRoute;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * {@code GET /{key}/events}: the events of the node's {@code listen(key)} as server-sent events
 * ({@code text/event-stream}): {@code added}, {@code updated} and {@code expired}, each with the
 * value as one line of JSON ({@link ValueJson}), resumable with {@code Last-Event-ID}, with a
 * keep-alive comment every {@link EventLimits#keepAlive()}. The key is 40 hex digits, taken as
 * they are, or a name (URL-encoded), hashed as {@link InfoHash#of(String)} does.
 *
 * <p>Answers: 200 and the stream; 400 for a key that is neither; 429 past the streams per client
 * address or in all; 503 when {@link EventLimits#keys()} other keys are followed already. The
 * design of the ids, the journal and the backlog: {@code package-info} and docs/HTTP.md.
 */
public final class EventsRoute implements HttpRoute, AutoCloseable {

    /** The content type of the stream. */
    public static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";
    /** The longest key name accepted, in bytes of UTF-8. */
    public static final int MAX_NAME_BYTES = 256;
    /** How long a browser waits before it reconnects, sent as the stream's {@code retry} field. */
    public static final int RETRY_MILLIS = 2000;

    /** The keep-alive comment, in one direct buffer that every stream writes (never released). */
    private static final ByteBuf KEEP_ALIVE =
            Unpooled.directBuffer().writeBytes(": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII));

    private final EventLimits limits;
    private final Scheduler timer;
    private final Journals journals;
    private final StreamCounter counter;
    private final StreamGroups streams = new StreamGroups();
    private final Disposable keepAlives;

    /** Streams of {@code node}'s keys within the default limits. */
    public EventsRoute(DhtNode node) {
        this(node, EventLimits.DEFAULT, Schedulers.parallel(), new SplittableRandom());
    }

    /**
     * Streams of {@code node}'s keys within {@code limits}; {@code timer} runs keep-alives, linger
     * times and grace periods; {@code random} draws the journals' epochs.
     */
    public EventsRoute(DhtNode node, EventLimits limits, Scheduler timer, SplittableRandom random) {
        this.limits = limits;
        this.timer = timer;
        this.journals = new Journals(node, limits, timer, random);
        this.counter = new StreamCounter(limits.streamsPerClient(), limits.streams());
        long every = limits.keepAlive().toMillis();
        this.keepAlives = timer.schedulePeriodically(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
    }

    /** Before routes whose patterns would take {@code /x/events} for another path ({@code /{hash}/{id}}). */
    @Override
    public int precedence() {
        return -1;
    }

    @Override
    public void addTo(HttpServerRoutes routes) {
        routes.get("/{key}/events", this::serve);
    }

    /** Stops following every key. */
    @Override
    public void close() {
        keepAlives.dispose();
        journals.close();
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        InfoHash key = parseKey(request.param("key"));
        if (key == null) {
            return plain(
                    response,
                    HttpResponseStatus.BAD_REQUEST,
                    "key must be 40 hex digits or a name of 1 to " + MAX_NAME_BYTES + " bytes");
        }
        InetAddress client = ((InetSocketAddress) request.remoteAddress()).getAddress();
        String refused = counter.tryOpen(client);
        if (refused != null) {
            response.header("Retry-After", "10");
            return plain(response, HttpResponseStatus.TOO_MANY_REQUESTS, refused);
        }
        String lastEventId = request.requestHeaders().get("Last-Event-ID");
        Connection[] connection = new Connection[1];
        response.withConnection(c -> connection[0] = c);
        ClientQueue queue = new ClientQueue(
                limits.backlogBytes(), lastEventId, connection[0].channel(), q -> closeLater(connection[0], q));
        if (!journals.attach(key, queue, lastEventId)) {
            counter.close(client);
            return plain(
                    response,
                    HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "at most " + limits.keys() + " keys followed at once");
        }
        streams.add(queue);
        String greeting = ": events of " + key.toHex() + ", a keep-alive comment every "
                + limits.keepAlive().toSeconds() + " s\nretry: " + RETRY_MILLIS + "\n\n";
        // the events go straight to the channel once the headers are out (ClientQueue); the
        // response ends when the stream has ended for its backlog, or the client goes
        return Mono.from(response.status(HttpResponseStatus.OK)
                        .header("Content-Type", CONTENT_TYPE)
                        .header("Cache-Control", "no-cache")
                        .header("X-Accel-Buffering", "no")
                        .sendHeaders()
                        .then(Mono.defer(() -> {
                            queue.start(greeting);
                            return queue.done();
                        })))
                .doFinally(signal -> {
                    queue.close();
                    streams.remove(queue);
                    journals.detach(key, queue);
                    counter.close(client);
                });
    }

    /** Closes a stream's connection that has not taken its {@code end} event within the grace time. */
    private void closeLater(Connection connection, ClientQueue queue) {
        timer.schedule(
                () -> queue.onLoop(() -> {
                    if (!queue.endWritten()) {
                        connection.dispose();
                    }
                }),
                limits.endGrace().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Writes a keep-alive comment on every stream, one task per event loop. */
    private void keepAlive() {
        streams.writeAll(KEEP_ALIVE, ClientQueue::keepAlive);
    }

    private static Mono<Void> plain(HttpServerResponse response, HttpResponseStatus status, String text) {
        return response.status(status)
                .header("Content-Type", "text/plain; charset=utf-8")
                .sendString(Mono.just(text + "\n"))
                .then();
    }

    /** The key of a path segment: 40 hex digits as they are, else the URL-decoded name; null if neither. */
    static InfoHash parseKey(String segment) {
        if (segment == null || segment.isEmpty()) {
            return null;
        }
        if (InfoHash.isHex(segment)) {
            return InfoHash.fromHex(segment);
        }
        String name;
        try {
            name = URLDecoder.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        return bytes == 0 || bytes > MAX_NAME_BYTES ? null : InfoHash.of(name);
    }
}
