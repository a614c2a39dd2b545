package io.rdht.core.storage;

import io.rdht.core.ValueIdentity;
import io.rdht.core.routing.Source;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One key's slots in {@link ValueIdentity} order, with what each source holds of the key (values
 * and bytes), for its share of the key (see {@link Source}). Owned by one {@link Storage}.
 */
final class KeyValues {

    final NavigableMap<ValueIdentity, Slot> slots = new TreeMap<>();
    private final Map<Source, long[]> bySource = new HashMap<>();

    /** Values the share holds under this key. */
    long valuesFrom(Source share) {
        long[] held = bySource.get(share);
        return held == null ? 0 : held[0];
    }

    /** Bytes the share holds under this key. */
    long bytesFrom(Source share) {
        long[] held = bySource.get(share);
        return held == null ? 0 : held[1];
    }

    /** Counts {@code values} values and {@code bytes} bytes more (or fewer, if negative) for {@code share}. */
    void charge(Source share, long values, long bytes) {
        long[] held = bySource.computeIfAbsent(share, s -> new long[2]);
        held[0] += values;
        held[1] += bytes;
        // Drop a source at zero so that the map does not keep every address that ever stored.
        if (held[0] == 0 && held[1] == 0) {
            bySource.remove(share);
        }
    }
}
