package io.rdht.core.state;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link StateStore} held when it was opened.
 *
 * @param nodeId   the id the node had, if one was saved
 * @param contacts the routing contacts saved last, to rejoin through
 * @param values   the values stored for others, expired ones possibly among them
 */
public record SavedState(Optional<InfoHash> nodeId, List<NodeInfo> contacts, List<SavedValue> values) {

    /** Copies the lists. */
    public SavedState {
        Objects.requireNonNull(nodeId, "nodeId");
        contacts = List.copyOf(contacts);
        values = List.copyOf(values);
    }

    /** Nothing saved: a new node. */
    public static SavedState empty() {
        return new SavedState(Optional.empty(), List.of(), List.of());
    }
}
