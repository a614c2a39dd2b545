package io.rdht.core.storage;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.routing.Source;
import java.net.InetAddress;

/**
 * The place of one value (its id and owner) under one key: the version stored now, who sent it, what it is charged
 * and when it expires. Mutable, owned by one {@link Storage}; an edit or a refresh changes the
 * slot in place so that the expiry queue keeps pointing at it.
 */
final class Slot {
    final InfoHash key;
    Value value;
    InetAddress source;
    /** Whose share of the key the value uses: see {@link Source}. */
    Source share;

    long bytes;
    long expiresAt;
    /** Ticket of the one expiry-queue entry that stands for this slot; older entries are stale. */
    long ticket;
    /** Time of that entry: never later than {@link #expiresAt}. */
    long queuedAt;

    Slot(InfoHash key, Value value, InetAddress source, Source share, long bytes, long expiresAt) {
        this.key = key;
        this.value = value;
        this.source = source;
        this.share = share;
        this.bytes = bytes;
        this.expiresAt = expiresAt;
    }
}
