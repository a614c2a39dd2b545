package io.rdht.core.wire;

/** A message that expects a {@link Reply} with the same transaction id. */
public sealed interface Request extends Body
        permits Ping, FindNode, GetValues, PutValues, Listen, CancelListen, Update, Leaving {}
