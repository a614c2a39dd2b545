package io.rdht.core.wire;

/** The answer to {@link Update} and {@link CancelListen}: received. */
public record Ack() implements Reply {}
