package io.rdht.http.events;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Sinks;

/**
 * The events one stream has yet to hand to its client, bounded in bytes. Events go out only as
 * fast as the subscriber asks for them and only while the connection's channel is writable (Netty
 * stops being writable past its write buffer's high-water mark, 64 KiB, and Reactor Netty's send
 * alone would queue without bound); when the waiting events pass the bound, they are dropped and
 * the stream ends with an {@code end} event naming the last id the client was sent, from which it
 * can resume.
 */
final class ClientQueue {

    private final long maxBytes;
    private final ArrayDeque<SseEvent> waiting = new ArrayDeque<>();
    private final Sinks.Empty<Void> ended = Sinks.empty();
    private long bytes;
    private FluxSink<String> sink;
    private boolean ending;
    private String lastSentId;
    private BooleanSupplier writable = () -> true;

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

    /**
     * Hands events to {@code channel} only while it is writable, and resumes when it is again.
     * Call once, on the channel's event loop or before it serves the stream.
     */
    void watch(Channel channel) {
        synchronized (this) {
            writable = channel::isWritable;
        }
        channel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                drain();
                ctx.fireChannelWritabilityChanged();
            }
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
        // an event larger than the whole backlog still goes alone
        if (!waiting.isEmpty() && bytes + size > maxBytes) {
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
        waiting.add(new SseEvent(
                null,
                "end",
                "{\"reason\":\"backlog\",\"detail\":\"more than " + maxBytes
                        + " bytes of events waiting for this client\",\"resume_from\":" + resume + "}"));
        ended.tryEmitEmpty();
        drain();
    }

    private synchronized void drain() {
        if (sink == null) {
            return;
        }
        while (!waiting.isEmpty() && sink.requestedFromDownstream() > 0 && writable.getAsBoolean()) {
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
