package io.rdht.core.sim;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.state.SavedState;
import io.rdht.core.state.SavedValue;
import io.rdht.core.state.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StateStore} in memory, for tests: keeps what the node writes, hands it back as the saved
 * state of the next node, and holds durability barriers while told to.
 */
final class RecordingStateStore implements StateStore {

    private final SavedState saved;
    private final Map<String, SavedValue> values = new LinkedHashMap<>();
    private final List<Runnable> heldBarriers = new ArrayList<>();
    private InfoHash nodeId;
    private List<NodeInfo> contacts;
    private boolean holding;

    RecordingStateStore(SavedState saved) {
        this.saved = saved;
        this.nodeId = saved.nodeId().orElse(null);
        this.contacts = saved.contacts();
        saved.values().forEach(v -> values.put(name(v.key(), v.value().id()), v));
    }

    /** A store with nothing saved. */
    static RecordingStateStore empty() {
        return new RecordingStateStore(SavedState.empty());
    }

    /** What the store holds now, as the next start would read it. */
    synchronized SavedState now() {
        return new SavedState(Optional.ofNullable(nodeId), contacts, List.copyOf(values.values()));
    }

    /** From now on, holds each barrier until {@link #release}. */
    synchronized void hold() {
        holding = true;
    }

    /** Runs the barriers held and stops holding. */
    void release() {
        List<Runnable> due;
        synchronized (this) {
            holding = false;
            due = List.copyOf(heldBarriers);
            heldBarriers.clear();
        }
        due.forEach(Runnable::run);
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
        values.put(name(value.key(), value.value().id()), value);
    }

    @Override
    public synchronized void removeValue(InfoHash key, long valueId) {
        values.remove(name(key, valueId));
    }

    @Override
    public synchronized void saveContacts(List<NodeInfo> contacts) {
        this.contacts = List.copyOf(contacts);
    }

    @Override
    public void whenDurable(Runnable done) {
        synchronized (this) {
            if (holding) {
                heldBarriers.add(done);
                return;
            }
        }
        done.run();
    }

    @Override
    public void close() {
    }

    private static String name(InfoHash key, long id) {
        return key.toHex() + "/" + Long.toHexString(id);
    }
}
