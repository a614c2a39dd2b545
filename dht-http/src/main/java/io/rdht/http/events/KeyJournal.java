package io.rdht.http.events;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.ValueIdentity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbered events of one key, for resuming streams: the last ones (bounded in count and
 * bytes), the key's current values, and the streams that follow it. Event ids are {@code
 * EPOCH-N}: N counts this journal's events from 1, EPOCH tells this journal from an earlier one
 * of the same key (before a restart, or before it was dropped), so an id is never taken for
 * another event.
 */
final class KeyJournal {

    private final String epoch;
    private final int maxEvents;
    private final long maxBytes;
    private final ArrayDeque<SseEvent> recent = new ArrayDeque<>();
    private final Map<ValueIdentity, Value> current = new LinkedHashMap<>();
    private final StreamGroups clients = new StreamGroups();
    private long head;
    private long bytes;

    /** An empty journal tagged {@code epoch} (letters and digits, no {@code -}). */
    KeyJournal(String epoch, int maxEvents, long maxBytes) {
        if (!epoch.matches("[0-9a-z]+")) {
            throw new IllegalArgumentException("epoch must be lowercase letters and digits: " + epoch);
        }
        this.epoch = epoch;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /**
     * Numbers {@code e}, keeps it, and hands it to every stream of the key: encoded once, in one
     * direct buffer that every stream's connection writes (one task per event loop).
     */
    synchronized void record(ValueEvent e) {
        Value v = e.value();
        String type = switch (e) {
            case ValueEvent.Added a -> "added";
            case ValueEvent.Updated u -> "updated";
            case ValueEvent.Expired x -> "expired";
        };
        if (e instanceof ValueEvent.Expired) {
            current.remove(v.identity());
        } else {
            current.put(v.identity(), v);
        }
        head++;
        SseEvent event = new SseEvent(epoch + "-" + head, type, ValueJson.line(ValueJson.of(v)));
        recent.add(event);
        bytes += event.size();
        while (recent.size() > maxEvents || (bytes > maxBytes && recent.size() > 1)) {
            bytes -= recent.poll().size();
        }
        if (clients.size() > 0) {
            ByteBuf frame = Unpooled.directBuffer(event.size()).writeBytes(event.bytes());
            try {
                clients.writeAll(frame, (stream, shared) -> stream.offer(event, shared));
            } finally {
                frame.release();
            }
        }
    }

    /**
     * Adds a stream that has seen everything up to {@code lastEventId} ({@code null}: nothing),
     * and queues on it what it has not seen: the events after that id when the journal still has
     * them, else a {@code reset} (when it had an id) and a snapshot of the current values.
     */
    synchronized void attach(ClientQueue client, String lastEventId) {
        List<SseEvent> replay = replayAfter(lastEventId);
        if (replay == null) {
            replay = new ArrayList<>();
            if (lastEventId != null) {
                replay.add(new SseEvent(
                        null,
                        "reset",
                        "{\"reason\":\"unknown or too old Last-Event-ID\",\"last_event_id\":" + quoted(lastEventId)
                                + "}"));
            }
            for (Value v : current.values()) {
                replay.add(new SseEvent(null, "added", ValueJson.line(ValueJson.of(v))));
            }
            replay.add(new SseEvent(epoch + "-" + head, "sync", "{\"values\":" + current.size() + "}"));
        }
        List<SseEvent> first = replay;
        // queued on the stream's loop before any later event of the key, which goes there too
        client.onLoop(() -> first.forEach(e -> client.offer(e, null)));
        clients.add(client);
    }

    /** Removes a stream that closed. */
    synchronized void detach(ClientQueue client) {
        clients.remove(client);
    }

    /** How many streams follow the key. */
    synchronized int streams() {
        return clients.size();
    }

    private List<SseEvent> replayAfter(String lastEventId) {
        if (lastEventId == null || !lastEventId.startsWith(epoch + "-")) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(lastEventId.substring(epoch.length() + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        long oldest = head - recent.size() + 1;
        if (n > head || n < oldest - 1 || n < 0) {
            return null;
        }
        List<SseEvent> after = new ArrayList<>();
        long skip = n - (oldest - 1);
        for (SseEvent e : recent) {
            if (skip-- <= 0) {
                after.add(e);
            }
        }
        return after;
    }

    private static String quoted(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }
}
