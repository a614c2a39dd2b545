package io.rdht.core.wire;

/** The answer to {@link Ping}. */
public record Pong() implements Reply {}
