package io.rdht.store;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.ValueIdentity;
import io.rdht.core.state.SavedValue;
import java.util.List;

/** One change queued for the store's writer thread, applied in the order it was queued. */
sealed interface Change {

    /** Keep the node id. */
    record NodeId(InfoHash id) implements Change {}

    /** Keep a value, replacing the one under the same key and identity (id and owner). */
    record Save(SavedValue value) implements Change {}

    /** Forget the value with {@code identity} under {@code key}. */
    record Remove(InfoHash key, ValueIdentity identity) implements Change {}

    /** Keep these contacts in place of the saved ones. */
    record Contacts(List<NodeInfo> contacts) implements Change {}

    /** Run {@code done} once the changes queued before are committed. */
    record Barrier(Runnable done) implements Change {}

    /** Commit what is queued before, then stop the writer. */
    record Stop() implements Change {}
}
