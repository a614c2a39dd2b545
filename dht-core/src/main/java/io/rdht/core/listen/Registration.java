package io.rdht.core.listen;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;

/**
 * One listen a storer holds: who listens to which key under which id, and until when.
 *
 * @param key            the key
 * @param listener       the listening node
 * @param listenId       the id the listener chose
 * @param expiresAtMillis when the listen is forgotten unless refreshed
 * @param pushDelayMillis how long the storer holds a change before it pushes it, as the listener asked
 */
public record Registration(
        InfoHash key, NodeInfo listener, long listenId, long expiresAtMillis, long pushDelayMillis) {}
