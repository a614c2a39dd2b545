package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The closest nodes that answered the latest lookup of each key this node looked up lately (for
 * a put, a get or a listen), so that a put to a key it knows goes straight to them: OpenDHT keeps
 * a search per key for the same reason. A lookup costs a few round trips; on a node that follows
 * a key or publishes to it every second, that is most of a put's time, and of the time from a put
 * to its listeners.
 *
 * <p>Bounded: {@link #CAPACITY} keys, the least recently used forgotten first; a key's nodes are
 * used for {@link #LIFE_MILLIS} after its lookup ended, then looked up anew. Not thread-safe: owned
 * by the node thread.
 *
 * <p>Implementation note: within that life a node that joined closer to the key is not put to; it
 * gets the value from the next lookup's put or republication, as after any put made just before
 * it joined. A node of the list that does not store makes the put look the key up after all.
 */
final class RecentSearches {

    /** Keys whose closest nodes are kept at most. */
    static final int CAPACITY = 64;
    /** How long after its lookup a key's closest nodes are put to without a new lookup. */
    static final long LIFE_MILLIS = 30_000;

    private final Map<InfoHash, Found> byKey = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InfoHash, Found> eldest) {
            return size() > CAPACITY;
        }
    };

    /** A lookup of {@code key} ended now with {@code closest} the closest nodes that answered. */
    void remember(InfoHash key, List<NodeInfo> closest, long nowMillis) {
        if (closest.isEmpty()) {
            byKey.remove(key);
        } else {
            byKey.put(key, new Found(List.copyOf(closest), nowMillis));
        }
    }

    /** The closest nodes of {@code key}'s latest lookup if it ended within their life; else none. */
    List<NodeInfo> closest(InfoHash key, long nowMillis) {
        Found found = byKey.get(key);
        if (found == null || nowMillis - found.atMillis >= LIFE_MILLIS) {
            return List.of();
        }
        return found.closest;
    }

    /** Forgets {@code key}'s nodes: one of them did not store. */
    void forget(InfoHash key) {
        byKey.remove(key);
    }

    private record Found(List<NodeInfo> closest, long atMillis) {}
}
