package io.rdht.core.listen;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.routing.Source;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The listens a storer holds, by key, bounded per key, per {@link Source} and in total, each
 * forgotten when not refreshed in time. Not thread-safe: owned by the node thread.
 */
public final class ListenerRegistry {

    private final ListenLimits limits;
    private final Map<InfoHash, Map<ListenKey, Registration>> byKey = new HashMap<>();
    private final Map<Source, Integer> perSource = new HashMap<>();
    private int total;

    /** An empty registry. */
    public ListenerRegistry(ListenLimits limits) {
        this.limits = limits;
    }

    /**
     * Registers or refreshes {@code listener}'s listen on {@code key}, pushed at once. Returns why it
     * was refused, or empty when it is held until {@code nowMillis} plus the registration time.
     */
    public Optional<String> register(InfoHash key, NodeInfo listener, long listenId, long nowMillis) {
        return register(key, listener, listenId, 0, nowMillis);
    }

    /**
     * Registers or refreshes {@code listener}'s listen on {@code key}, whose changes are pushed
     * {@code pushDelayMillis} after they are stored (a refresh may change it). Returns why it was
     * refused, or empty when it is held until {@code nowMillis} plus the registration time.
     */
    public Optional<String> register(
            InfoHash key, NodeInfo listener, long listenId, long pushDelayMillis, long nowMillis) {
        ListenKey id = new ListenKey(listener.address(), listenId);
        Map<ListenKey, Registration> listens = byKey.get(key);
        Registration fresh =
                new Registration(key, listener, listenId, nowMillis + limits.registrationMillis(), pushDelayMillis);
        if (listens != null && listens.containsKey(id)) {
            listens.put(id, fresh);
            return Optional.empty();
        }
        Source source = Source.of(listener.address());
        if (listens != null && listens.size() >= limits.maxPerKey()) {
            return Optional.of(
                    "key " + key.shortHex() + " has the most listens it may have (" + limits.maxPerKey() + ")");
        }
        if (perSource.getOrDefault(source, 0) >= limits.maxPerSource()) {
            return Optional.of("source " + source + " holds the most listens it may (" + limits.maxPerSource() + ")");
        }
        if (total >= limits.maxTotal()) {
            return Optional.of("this node holds the most listens it may (" + limits.maxTotal() + ")");
        }
        byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(id, fresh);
        perSource.merge(source, 1, Integer::sum);
        total++;
        return Optional.empty();
    }

    /** Ends a listen at once; false if there was none. */
    public boolean cancel(InfoHash key, InetSocketAddress listener, long listenId) {
        Map<ListenKey, Registration> listens = byKey.get(key);
        if (listens == null) {
            return false;
        }
        Registration r = listens.remove(new ListenKey(listener, listenId));
        if (r == null) {
            return false;
        }
        released(r);
        if (listens.isEmpty()) {
            byKey.remove(key);
        }
        return true;
    }

    /** The listens on {@code key} still in force (expired ones are forgotten on the way). */
    public List<Registration> listeners(InfoHash key, long nowMillis) {
        Map<ListenKey, Registration> listens = byKey.get(key);
        if (listens == null) {
            return List.of();
        }
        List<Registration> live = new ArrayList<>(listens.size());
        for (Iterator<Registration> it = listens.values().iterator(); it.hasNext(); ) {
            Registration r = it.next();
            if (r.expiresAtMillis() <= nowMillis) {
                it.remove();
                released(r);
            } else {
                live.add(r);
            }
        }
        if (listens.isEmpty()) {
            byKey.remove(key);
        }
        return live;
    }

    /** Forgets every listen not refreshed in time; returns how many. */
    public int expire(long nowMillis) {
        int before = total;
        for (InfoHash key : List.copyOf(byKey.keySet())) {
            listeners(key, nowMillis);
        }
        return before - total;
    }

    /** Listens held, all keys together. */
    public int size() {
        return total;
    }

    /** Every listen held, for display. */
    public List<Registration> snapshot() {
        List<Registration> all = new ArrayList<>(total);
        byKey.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    private void released(Registration r) {
        total--;
        perSource.computeIfPresent(Source.of(r.listener().address()), (a, n) -> n == 1 ? null : n - 1);
    }

    private record ListenKey(InetSocketAddress listener, long listenId) {}
}
