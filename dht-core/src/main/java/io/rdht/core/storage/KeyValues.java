package io.rdht.core.storage;

import io.rdht.core.ValueIdentity;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One key's slots in {@link ValueIdentity} order, with what each source address holds of the key
 * (values and bytes), for the per-key share of each source. Owned by one {@link Storage}.
 */
final class KeyValues {

    final NavigableMap<ValueIdentity, Slot> slots = new TreeMap<>();
    private final Map<InetAddress, long[]> bySource = new HashMap<>();

    /** Values {@code source} holds under this key. */
    long valuesFrom(InetAddress source) {
        long[] held = bySource.get(source);
        return held == null ? 0 : held[0];
    }

    /** Bytes {@code source} holds under this key. */
    long bytesFrom(InetAddress source) {
        long[] held = bySource.get(source);
        return held == null ? 0 : held[1];
    }

    /** Counts {@code values} values and {@code bytes} bytes more (or fewer, if negative) for {@code source}. */
    void charge(InetAddress source, long values, long bytes) {
        long[] held = bySource.computeIfAbsent(source, s -> new long[2]);
        held[0] += values;
        held[1] += bytes;
        // Drop a source at zero so that the map does not keep every address that ever stored.
        if (held[0] == 0 && held[1] == 0) {
            bySource.remove(source);
        }
    }
}
