package io.rdht.core.wire;

/** The answer to a {@link Request}, carrying the request's transaction id. */
public sealed interface Reply extends Body permits Pong, Nodes, ValuesFound, Stored, ErrorReply, Ack {}
