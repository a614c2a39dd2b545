package io.rdht.core.storage;

import io.rdht.core.InfoHash;
import io.rdht.core.ValueIdentity;
import io.rdht.core.routing.Source;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One key's slots in {@link ValueIdentity} order, with what each source holds of the key (values
 * and bytes), for its share of the key (see {@link Source}). Owned by one {@link Storage}.
 *
 * <p>The key and each share are held once, and every slot of the key refers to those instances:
 * each message a node receives decodes its own copies, which would otherwise stay in memory beside
 * every value stored ({@link StorageLimits#VALUE_OVERHEAD_BYTES}).
 */
final class KeyValues {

    final InfoHash key;
    final NavigableMap<ValueIdentity, Slot> slots = new TreeMap<>();
    private final Map<Source, Held> bySource = new HashMap<>();

    KeyValues(InfoHash key) {
        this.key = key;
    }

    /** Values the share holds under this key. */
    long valuesFrom(Source share) {
        Held held = bySource.get(share);
        return held == null ? 0 : held.values;
    }

    /** Bytes the share holds under this key. */
    long bytesFrom(Source share) {
        Held held = bySource.get(share);
        return held == null ? 0 : held.bytes;
    }

    /**
     * Counts {@code values} values and {@code bytes} bytes more (or fewer, if negative) for {@code
     * share}; returns the instance of the share this key holds, for slots to refer to.
     */
    Source charge(Source share, long values, long bytes) {
        Held held = bySource.computeIfAbsent(share, Held::new);
        held.values += values;
        held.bytes += bytes;
        // Drop a source at zero so that the map does not keep every address that ever stored.
        if (held.values == 0 && held.bytes == 0) {
            bySource.remove(share);
        }
        return held.share;
    }

    /** What one share holds of the key. */
    private static final class Held {
        final Source share;
        long values;
        long bytes;

        Held(Source share) {
            this.share = share;
        }
    }
}
