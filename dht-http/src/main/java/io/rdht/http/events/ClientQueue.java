package io.rdht.http.events;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One stream's connection and the events it has yet to hand to it, bounded in bytes. Events are
 * written straight to the connection's channel, on the channel's event loop (every method but
 * {@link #onLoop}, {@link #loop()} and {@link #close()} runs there), and only while the channel is
 * writable: Netty stops being
 * writable past its write buffer's high-water mark, 64 KiB. Until then they wait here; when the
 * waiting events pass the bound, they are dropped and the stream ends with an {@code end} event
 * naming the last id the client was sent, from which it can resume.
 *
 * <p>The queue is the channel's handler of writability changes while the stream lasts: it
 * writes what waits when the channel can take it again.
 */
final class ClientQueue extends ChannelInboundHandlerAdapter {

    private final long maxBytes;
    private final Channel channel;
    private final Sinks.Empty<Void> done = Sinks.empty();
    private final Consumer<ClientQueue> onOverflow;
    private ArrayDeque<SseEvent> waiting;
    private long bytes;
    private boolean started;
    private boolean ending;
    private boolean endWritten;
    private boolean unflushed;
    private volatile boolean closed;
    private String lastSentId;

    /**
     * A queue of at most {@code maxBytes} of waiting events for {@code channel}; {@code lastId} is
     * the client's id so far; {@code onOverflow} is told (on the loop) when the stream ends for its backlog.
     */
    ClientQueue(long maxBytes, String lastId, Channel channel, Consumer<ClientQueue> onOverflow) {
        this.maxBytes = maxBytes;
        this.lastSentId = lastId;
        this.channel = channel;
        this.onOverflow = onOverflow;
    }

    /** The event loop of the stream's channel, where the queue's work is done. */
    EventLoop loop() {
        return channel.eventLoop();
    }

    /** Runs {@code task} on the loop: now when called there, else as a task of the loop. */
    void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    /**
     * Writes {@code greeting}, then the events waiting, then every later one, as the channel takes
     * them: the response's headers have gone out. Watches the channel's writability from now on.
     */
    void start(String greeting) {
        if (closed) {
            return;
        }
        channel.pipeline().addFirst(this);
        started = true;
        write(Unpooled.wrappedBuffer(greeting.getBytes(StandardCharsets.UTF_8)));
        drain();
        flush();
    }

    /**
     * Queues {@code event}, or ends the stream if its backlog would pass the bound; {@code shared},
     * when not null, is the event's bytes in a buffer shared by the key's streams.
     */
    void offer(SseEvent event, ByteBuf shared) {
        if (ending || closed) {
            return;
        }
        if (started && (waiting == null || waiting.isEmpty()) && channel.isWritable()) {
            send(event, shared);
            return;
        }
        int size = event.size();
        if (waiting == null) {
            waiting = new ArrayDeque<>(4);
        }
        // an event larger than the whole backlog still goes alone
        if (!waiting.isEmpty() && bytes + size > maxBytes) {
            overflow();
            return;
        }
        waiting.add(event);
        bytes += size;
        drain();
    }

    /** Writes {@code keepAlive} (retained) when nothing waits: a stream with a backlog needs none. */
    void keepAlive(ByteBuf keepAlive) {
        if (started && !ending && !closed && (waiting == null || waiting.isEmpty()) && channel.isWritable()) {
            write(keepAlive.retainedDuplicate());
        }
    }

    /** Flushes what was written since the last flush. */
    void flush() {
        if (unflushed) {
            unflushed = false;
            channel.flush();
        }
    }

    /** Completes once the stream has ended for its backlog and its {@code end} event is written. */
    Mono<Void> done() {
        return done.asMono();
    }

    /** Whether the {@code end} event, if any, has been handed to the channel. */
    boolean endWritten() {
        return endWritten;
    }

    /** The stream is over: nothing more is written, and the channel is no longer watched. Any thread. */
    void close() {
        closed = true;
        onLoop(() -> {
            if (started && channel.pipeline().context(this) != null) {
                channel.pipeline().remove(this);
            }
        });
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        drain();
        flush();
        ctx.fireChannelWritabilityChanged();
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
        onOverflow.accept(this);
        drain();
    }

    private void drain() {
        if (!started || closed || waiting == null) {
            return;
        }
        while (!waiting.isEmpty() && channel.isWritable()) {
            SseEvent e = waiting.poll();
            bytes -= ending ? 0 : e.size();
            send(e, null);
        }
        if (ending && waiting.isEmpty() && !endWritten) {
            endWritten = true;
            flush();
            done.tryEmitEmpty();
        }
    }

    private void send(SseEvent event, ByteBuf shared) {
        if (event.id() != null) {
            lastSentId = event.id();
        }
        write(shared != null ? shared.retainedDuplicate() : Unpooled.wrappedBuffer(event.bytes()));
    }

    private void write(ByteBuf buffer) {
        if (!channel.isActive()) {
            // the client is gone; the stream's end is on its way from Reactor Netty
            buffer.release();
            return;
        }
        unflushed = true;
        channel.write(buffer, channel.voidPromise());
    }
}
