package io.rdht.core.wire;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Joins the {@link Fragment}s of one message from one address back into the message's encoding,
 * within fixed bounds on what a sender can make this node hold. Not thread-safe: owned by the
 * node's thread. Time is passed in; nothing here reads a clock.
 *
 * <p>Threat model: anyone can send fragments that never complete, from many (spoofed) addresses,
 * to fill memory. Defences: at most {@link #MAX_PARTIALS_PER_SOURCE} partial messages per address
 * and {@link #MAX_PARTIALS} in all, at most {@link #MAX_BUFFERED_BYTES} of buffered pieces (the
 * oldest partial message goes first when a bound is passed), and every partial message is dropped
 * {@link #TIMEOUT_MILLIS} after its first piece arrived. A partial message whose pieces disagree
 * on their count, or whose pieces add up to more than {@link WireLimits#MAX_MESSAGE_BYTES}, is
 * dropped at once. The owner calls {@link #expire} when {@link #nextTimeoutMillis} comes, so that
 * memory is freed when an attack stops, not only when the next piece arrives.
 */
public final class Reassembler {
    /** Most partial messages kept per source address; a new one pushes out that source's oldest. */
    public static final int MAX_PARTIALS_PER_SOURCE = 8;
    /** Most partial messages kept in all. */
    public static final int MAX_PARTIALS = 1024;
    /** Most bytes of pieces buffered in all partial messages together. */
    public static final long MAX_BUFFERED_BYTES = 8L * 1024 * 1024;
    /** How long after its first piece a partial message is dropped, in milliseconds. */
    public static final long TIMEOUT_MILLIS = 10_000;

    private record Key(InetSocketAddress source, long messageId) {}

    private static final class Partial {
        final byte[][] chunks;
        final long startedAt;
        int received;
        int bytes;

        Partial(int count, long startedAt) {
            this.chunks = new byte[count][];
            this.startedAt = startedAt;
        }
    }

    /** In order of creation, so the first entry is the oldest. */
    private final LinkedHashMap<Key, Partial> partials = new LinkedHashMap<>();

    private final Map<InetSocketAddress, Integer> partialsPerSource = new HashMap<>();
    private long bufferedBytes;
    private long completedMessages;
    private long expiredPartials;
    private long evictedPartials;
    private long inconsistentPartials;
    private long duplicateFragments;

    /**
     * Takes one piece; returns the whole encoded message when this piece completes it. The
     * reassembler keeps the piece's chunk array without copying it.
     *
     * @param nowMillis the node's current time; must not go backwards between calls
     */
    public Optional<byte[]> accept(InetSocketAddress source, Fragment fragment, long nowMillis) {
        expire(nowMillis);
        Key key = new Key(source, fragment.messageId());
        Partial partial = partials.get(key);
        if (partial != null && partial.chunks.length != fragment.count()) {
            remove(key, partial);
            inconsistentPartials++;
            return Optional.empty();
        }
        if (partial == null) {
            partial = start(key, fragment.count(), nowMillis);
        }
        if (partial.chunks[fragment.index()] != null) {
            duplicateFragments++;
            return Optional.empty();
        }
        byte[] chunk = fragment.chunk();
        partial.chunks[fragment.index()] = chunk;
        partial.received++;
        partial.bytes += chunk.length;
        bufferedBytes += chunk.length;
        if (partial.bytes > WireLimits.MAX_MESSAGE_BYTES) {
            remove(key, partial);
            inconsistentPartials++;
            return Optional.empty();
        }
        if (partial.received == partial.chunks.length) {
            remove(key, partial);
            completedMessages++;
            return Optional.of(join(partial));
        }
        while (bufferedBytes > MAX_BUFFERED_BYTES) {
            evictOldest();
        }
        return Optional.empty();
    }

    /** Drops the partial messages whose first piece came more than {@link #TIMEOUT_MILLIS} ago. */
    public void expire(long nowMillis) {
        Iterator<Map.Entry<Key, Partial>> oldestFirst = partials.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<Key, Partial> entry = oldestFirst.next();
            if (nowMillis - entry.getValue().startedAt <= TIMEOUT_MILLIS) {
                return;
            }
            oldestFirst.remove();
            forget(entry.getKey(), entry.getValue());
            expiredPartials++;
        }
    }

    /**
     * The time at which {@link #expire} next drops a partial message: just past the oldest one's
     * timeout; {@link Long#MAX_VALUE} when none is held.
     */
    public long nextTimeoutMillis() {
        if (partials.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return partials.values().iterator().next().startedAt + TIMEOUT_MILLIS + 1;
    }

    /** Number of messages waiting for more pieces. */
    public int partialCount() {
        return partials.size();
    }

    /** Bytes of pieces held for incomplete messages. */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** Messages completed so far. */
    public long completedMessages() {
        return completedMessages;
    }

    /** Partial messages dropped because they timed out. */
    public long expiredPartials() {
        return expiredPartials;
    }

    /** Partial messages dropped to stay within the per-source, count or byte bounds. */
    public long evictedPartials() {
        return evictedPartials;
    }

    /** Partial messages dropped because their pieces disagreed on the count or were too large. */
    public long inconsistentPartials() {
        return inconsistentPartials;
    }

    /** Pieces ignored because the same piece had already arrived. */
    public long duplicateFragments() {
        return duplicateFragments;
    }

    /** Partial messages dropped for any reason. */
    public long droppedPartials() {
        return expiredPartials + evictedPartials + inconsistentPartials;
    }

    private Partial start(Key key, int count, long nowMillis) {
        if (partialsPerSource.getOrDefault(key.source(), 0) >= MAX_PARTIALS_PER_SOURCE) {
            evictOldestFrom(key.source());
        }
        if (partials.size() >= MAX_PARTIALS) {
            evictOldest();
        }
        Partial partial = new Partial(count, nowMillis);
        partials.put(key, partial);
        partialsPerSource.merge(key.source(), 1, Integer::sum);
        return partial;
    }

    private void evictOldest() {
        Map.Entry<Key, Partial> oldest = partials.entrySet().iterator().next();
        remove(oldest.getKey(), oldest.getValue());
        evictedPartials++;
    }

    private void evictOldestFrom(InetSocketAddress source) {
        for (Map.Entry<Key, Partial> entry : partials.entrySet()) {
            if (entry.getKey().source().equals(source)) {
                remove(entry.getKey(), entry.getValue());
                evictedPartials++;
                return;
            }
        }
    }

    private void remove(Key key, Partial partial) {
        partials.remove(key);
        forget(key, partial);
    }

    private void forget(Key key, Partial partial) {
        bufferedBytes -= partial.bytes;
        partialsPerSource.computeIfPresent(key.source(), (source, n) -> n == 1 ? null : n - 1);
    }

    private static byte[] join(Partial partial) {
        byte[] message = new byte[partial.bytes];
        int at = 0;
        for (byte[] chunk : partial.chunks) {
            System.arraycopy(chunk, 0, message, at, chunk.length);
            at += chunk.length;
        }
        return message;
    }
}
