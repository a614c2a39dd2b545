package io.rdht.core;

import java.util.List;

/**
 * The outcome of a lookup of an id: the nodes that answered, closest to the target first, and how
 * far the lookup had to go.
 *
 * @param target   the id looked up
 * @param closest  up to K nodes that answered, closest to {@code target} first; empty when nobody
 *                 answered
 * @param hops     the length of the chain of requests that led to the closest node: 1 when this
 *                 node already knew it, 0 when nobody answered
 * @param answered how many nodes answered in all
 */
public record LookupResult(InfoHash target, List<NodeInfo> closest, int hops, int answered) {
    /** Copies the list. */
    public LookupResult {
        closest = List.copyOf(closest);
    }
}
