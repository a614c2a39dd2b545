package io.rdht.core.wire;

/**
 * Tells a node that the sender is leaving the network for good (a graceful stop), so that it
 * drops the sender from its routing table at once instead of learning it from timeouts; answered
 * by {@link Ack}.
 */
public record Leaving() implements Request {}
