package io.rdht.core;

import java.util.List;

/**
 * One listen of this node, for display.
 *
 * @param key         the key
 * @param storers     the nodes it is registered with
 * @param values      values held (handed on and not expired)
 * @param subscribers local subscribers sharing it
 */
public record ListenView(InfoHash key, List<NodeInfo> storers, int values, int subscribers) {
    /** Copies the list. */
    public ListenView {
        storers = List.copyOf(storers);
    }
}
