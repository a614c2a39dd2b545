package io.rdht.core.sim;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.ValueIdentity;
import io.rdht.core.state.SavedState;
import io.rdht.core.state.SavedValue;
import io.rdht.core.state.StateStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StateStore} in memory, for tests: keeps what the node writes, hands it back as the saved
 * state of the next node.
 */
final class RecordingStateStore implements StateStore {

    private final SavedState saved;
    private final Map<Slot, SavedValue> values = new LinkedHashMap<>();
    private InfoHash nodeId;
    private List<NodeInfo> contacts;

    RecordingStateStore(SavedState saved) {
        this.saved = saved;
        this.nodeId = saved.nodeId().orElse(null);
        this.contacts = saved.contacts();
        saved.values().forEach(v -> values.put(Slot.of(v), v));
    }

    /** A store with nothing saved. */
    static RecordingStateStore empty() {
        return new RecordingStateStore(SavedState.empty());
    }

    /** What the store holds now, as the next start would read it. */
    synchronized SavedState now() {
        return new SavedState(Optional.ofNullable(nodeId), contacts, List.copyOf(values.values()));
    }

    @Override
    public SavedState saved() {
        return saved;
    }

    @Override
    public synchronized void saveNodeId(InfoHash id) {
        nodeId = id;
    }

    @Override
    public synchronized void saveValue(SavedValue value) {
        values.put(Slot.of(value), value);
    }

    @Override
    public synchronized void removeValue(InfoHash key, ValueIdentity identity) {
        values.remove(new Slot(key, identity));
    }

    @Override
    public synchronized void saveContacts(List<NodeInfo> contacts) {
        this.contacts = List.copyOf(contacts);
    }

    @Override
    public void close() {}

    /** Where a value is kept: its key and its identity (id and owner), as a real store keys it. */
    private record Slot(InfoHash key, ValueIdentity identity) {
        static Slot of(SavedValue v) {
            return new Slot(v.key(), v.value().identity());
        }
    }
}
