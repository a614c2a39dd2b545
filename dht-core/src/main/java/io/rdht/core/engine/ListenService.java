package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.InfoHash;
import io.rdht.core.ListenView;
import io.rdht.core.Value;
import io.rdht.core.wire.Update;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * This node's listens, one {@link KeyListen} per key however many local subscribers share it;
 * the last subscriber to leave cancels it and frees its state.
 */
final class ListenService {

    private final EngineParts parts;
    private final RandomGenerator random;
    private final ReaderCheck readerCheck;
    private final Map<InfoHash, KeyListen> byKey = new HashMap<>();

    ListenService(EngineParts parts, RandomGenerator random, ReaderCheck readerCheck) {
        this.parts = parts;
        this.random = random;
        this.readerCheck = readerCheck;
    }

    /** Subscribes to {@code key}; the returned action unsubscribes. */
    Runnable subscribe(InfoHash key, ListenCallback subscriber) {
        KeyListen listen = byKey.get(key);
        if (listen == null) {
            listen = new KeyListen(key, random.nextLong(), parts, readerCheck);
            byKey.put(key, listen);
            listen.subscribe(subscriber);
            listen.start(parts.storage().values(key, parts.env().nowMillis()));
        } else {
            listen.subscribe(subscriber);
        }
        KeyListen subscribed = listen;
        return () -> {
            if (byKey.get(key) == subscribed && subscribed.unsubscribe(subscriber)) {
                byKey.remove(key);
                subscribed.cancel();
            }
        };
    }

    /** A push from a storer; false (and counted) if no listen of ours expects it from there. */
    boolean onUpdate(Update update, InetSocketAddress from) {
        KeyListen listen = byKey.get(update.key());
        if (listen == null || listen.listenId() != update.listenId() || !listen.onUpdate(from, update.values())) {
            parts.stats().pushDropped();
            return false;
        }
        return true;
    }

    /** A value stored on this node: local listens hear of it as a storer's listeners do. */
    void onLocalStore(InfoHash key, Value value) {
        KeyListen listen = byKey.get(key);
        if (listen != null) {
            listen.onLocalStore(value);
        }
    }

    /** Ends every listen with {@code error} (the node is closing). */
    void failAll(DhtException error) {
        List<KeyListen> all = new ArrayList<>(byKey.values());
        byKey.clear();
        all.forEach(l -> l.fail(error));
    }

    /** The listens, for display. */
    List<ListenView> views() {
        List<ListenView> views = new ArrayList<>(byKey.size());
        byKey.values().forEach(l -> views.add(l.view()));
        return views;
    }
}
