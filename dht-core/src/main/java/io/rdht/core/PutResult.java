package io.rdht.core;

import java.util.List;

/**
 * The outcome of a put: the value as stored (with its assigned id and creation time) and the
 * nodes that confirmed they store it.
 *
 * @param key     the key
 * @param value   the value as stored
 * @param storers the nodes that stored it, closest to the key first; may include this node
 */
public record PutResult(InfoHash key, Value value, List<NodeInfo> storers) {
    /** Copies the list. */
    public PutResult {
        storers = List.copyOf(storers);
    }
}
