package io.rdht.core.state;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.ValueIdentity;
import java.util.List;

/**
 * Where a node keeps the state that survives a restart: its id, its routing contacts and the
 * values it stores for others. The node reads {@link #saved()} once when it starts and then
 * writes through: every value it stores, every value that expires, its contacts now and then.
 *
 * <p>The write methods are called on the node thread, so they must be cheap and must not wait
 * for the disk: an implementation queues the change and writes it on a thread of its own, and
 * applies the changes in the order they were made. The node does not wait for the disk before it
 * acknowledges a put: an implementation states how soon a change is durable (dht-store's SQLite
 * store: within a batch window of a tenth of a second), which bounds what a crash of the process
 * can lose of what the node had acknowledged.
 *
 * <p>The node does not close its store; whoever opened it closes it after the node has shut
 * down.
 */
public interface StateStore extends AutoCloseable {

    /** The state the store held when it was opened; the same object on every call. */
    SavedState saved();

    /** Keeps {@code id} as the node's id. */
    void saveNodeId(InfoHash id);

    /**
     * Keeps {@code value}, replacing the version saved under the same key and
     * {@linkplain io.rdht.core.Value#identity() identity} (id and owner). Values of other owners
     * under the same id, and an unsigned one, are other values: each is kept beside the others.
     */
    void saveValue(SavedValue value);

    /**
     * Forgets the value saved under {@code key} with {@code identity} (id and owner), if any;
     * other owners' values under the same id stay.
     */
    void removeValue(InfoHash key, ValueIdentity identity);

    /** Keeps {@code contacts} as the node's contacts, in place of those saved before. */
    void saveContacts(List<NodeInfo> contacts);

    /** Writes what is pending, then releases the store's files; later changes are ignored. */
    @Override
    void close();
}
