package io.rdht.core;

import java.time.Duration;

/**
 * A listen another node holds on this node, as {@link DhtNode#listenersHere()} saw it.
 *
 * @param key       the key listened to
 * @param listener  the listening node
 * @param listenId  the id the listener chose for it (pushes name it)
 * @param expiresIn time until it is forgotten unless the listener refreshes it
 */
public record HeldListen(InfoHash key, NodeInfo listener, long listenId, Duration expiresIn) {}
