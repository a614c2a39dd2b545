package io.rdht.http.events;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

/**
 * Streams grouped by the event loop of their connection, so that one event reaches all of them as
 * one task per loop (each stream written and flushed on its own loop, in that task) rather than
 * one task per stream. Copy on write: streams come and go rarely, events often.
 */
final class StreamGroups {

    private volatile Map<EventLoop, ClientQueue[]> groups = Map.of();
    private int size;

    /** Adds {@code stream}. */
    synchronized void add(ClientQueue stream) {
        Map<EventLoop, ClientQueue[]> next = new HashMap<>(groups);
        ClientQueue[] members = next.getOrDefault(stream.loop(), new ClientQueue[0]);
        ClientQueue[] more = Arrays.copyOf(members, members.length + 1);
        more[members.length] = stream;
        next.put(stream.loop(), more);
        groups = Map.copyOf(next);
        size++;
    }

    /** Removes {@code stream}, if it is here. */
    synchronized void remove(ClientQueue stream) {
        ClientQueue[] members = groups.get(stream.loop());
        int at = members == null ? -1 : Arrays.asList(members).indexOf(stream);
        if (at < 0) {
            return;
        }
        Map<EventLoop, ClientQueue[]> next = new HashMap<>(groups);
        if (members.length == 1) {
            next.remove(stream.loop());
        } else {
            ClientQueue[] fewer = new ClientQueue[members.length - 1];
            System.arraycopy(members, 0, fewer, 0, at);
            System.arraycopy(members, at + 1, fewer, at, members.length - at - 1);
            next.put(stream.loop(), fewer);
        }
        groups = Map.copyOf(next);
        size--;
    }

    /** How many streams are here. */
    synchronized int size() {
        return size;
    }

    /**
     * Runs {@code write} on each loop for the streams there now, then flushes each of them; {@code
     * frame} is retained for each loop's task and released after it (or if the loop refused it).
     * The caller keeps its own reference.
     */
    void writeAll(ByteBuf frame, BiConsumer<ClientQueue, ByteBuf> write) {
        groups.forEach((loop, members) -> {
            frame.retain();
            try {
                loop.execute(() -> {
                    try {
                        for (ClientQueue stream : members) {
                            write.accept(stream, frame);
                            stream.flush();
                        }
                    } finally {
                        frame.release();
                    }
                });
            } catch (RejectedExecutionException shutDown) {
                frame.release();
            }
        });
    }
}
