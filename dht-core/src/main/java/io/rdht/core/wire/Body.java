package io.rdht.core.wire;

/** What a message says: a request, a reply, or one fragment of a larger message. */
public sealed interface Body permits Request, Reply, Fragment {}
