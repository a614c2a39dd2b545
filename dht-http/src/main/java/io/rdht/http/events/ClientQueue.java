package io.rdht.http.events;

import java.util.ArrayDeque;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Sinks;

/**
 * The events one stream has yet to hand to its client, bounded in bytes. Events go out only as
 * fast as the connection asks for them (Reactor Netty asks while the socket is writable); when the
 * waiting events pass the bound, they are dropped and the stream ends with an {@code end} event
 * naming the last id the client was sent, from which it can resume.
 */
final class ClientQueue {

    private final long maxBytes;
    private final ArrayDeque<SseEvent> waiting = new ArrayDeque<>();
    private final Sinks.Empty<Void> ended = Sinks.empty();
    private long bytes;
    private FluxSink<String> sink;
    private boolean ending;
    private String lastSentId;

    /** A queue of at most {@code maxBytes} of waiting events; {@code lastId} is the client's id so far. */
    ClientQueue(long maxBytes, String lastId) {
        this.maxBytes = maxBytes;
        this.lastSentId = lastId;
    }

    /** The events as wire frames; subscribe once. Completes after the {@code end} event of an overflow. */
    Flux<String> frames() {
        return Flux.create(s -> {
            synchronized (this) {
                sink = s;
            }
            s.onRequest(n -> drain());
            drain();
        });
    }

    /** Completes when the stream has ended because of its backlog. */
    reactor.core.publisher.Mono<Void> overflowed() {
        return ended.asMono();
    }

    /** Queues {@code event}, or ends the stream if its backlog would pass the bound. */
    synchronized void offer(SseEvent event) {
        if (ending) {
            return;
        }
        int size = event.size();
        if (bytes + size > maxBytes) {
            overflow();
            return;
        }
        waiting.add(event);
        bytes += size;
        drain();
    }

    private void overflow() {
        waiting.clear();
        bytes = 0;
        ending = true;
        String resume = lastSentId == null ? "null" : "\"" + lastSentId + "\"";
        waiting.add(new SseEvent(null, "end", "{\"reason\":\"backlog\",\"detail\":\"more than " + maxBytes
                + " bytes of events waiting for this client\",\"resume_from\":" + resume + "}"));
        ended.tryEmitEmpty();
        drain();
    }

    private synchronized void drain() {
        if (sink == null) {
            return;
        }
        while (!waiting.isEmpty() && sink.requestedFromDownstream() > 0) {
            SseEvent e = waiting.poll();
            bytes -= ending ? 0 : e.size();
            if (e.id() != null) {
                lastSentId = e.id();
            }
            sink.next(e.frame());
        }
        if (ending && waiting.isEmpty()) {
            sink.complete();
        }
    }
}
