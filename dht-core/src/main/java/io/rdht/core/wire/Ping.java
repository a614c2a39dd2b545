package io.rdht.core.wire;

/** Asks a node whether it is alive; answered by {@link Pong}. */
public record Ping() implements Request {}
