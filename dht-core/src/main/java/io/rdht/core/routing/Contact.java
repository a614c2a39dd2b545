package io.rdht.core.routing;

import io.rdht.core.NodeInfo;

/**
 * What the routing table knows of one node: its address, when it was last heard from, how many
 * requests in a row it failed to answer, and its round-trip estimate. Owned by the node thread.
 */
public final class Contact {

    private NodeInfo node;
    private long lastSeenMillis;
    private long lastReplyMillis = -1;
    private int failures;
    private final RttEstimator rtt;

    Contact(NodeInfo node, long nowMillis, RttEstimator rtt) {
        this.node = node;
        this.lastSeenMillis = nowMillis;
        this.rtt = rtt;
    }

    /** The node's id and address. */
    public NodeInfo node() {
        return node;
    }

    /** When a message from this node last arrived. */
    public long lastSeenMillis() {
        return lastSeenMillis;
    }

    /** When this node last answered one of our requests; -1 if never. */
    public long lastReplyMillis() {
        return lastReplyMillis;
    }

    /** Requests in a row this node left unanswered. */
    public int failures() {
        return failures;
    }

    /** This node's round-trip estimate. */
    public RttEstimator rtt() {
        return rtt;
    }

    void seen(long nowMillis) {
        lastSeenMillis = nowMillis;
    }

    void replied(long nowMillis) {
        lastSeenMillis = nowMillis;
        lastReplyMillis = nowMillis;
        failures = 0;
    }

    void moved(NodeInfo to) {
        node = to;
    }

    void failed() {
        failures++;
    }
}
