package io.rdht.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes the writer commits in one transaction, coalesced: of the changes to one value (its
 * key and identity) only the last is kept, as are the last node id and the last contacts, since
 * the transaction makes them visible together or not at all. Barriers are kept in order, to run
 * after the commit.
 */
final class Batch {

    private final Map<Slot, Change> values = new LinkedHashMap<>();
    private final List<Change.Barrier> barriers = new ArrayList<>();
    private Change.NodeId nodeId;
    private Change.Contacts contacts;
    private int taken;
    private boolean stop;

    /** Adds one queued change. */
    void add(Change change) {
        taken++;
        switch (change) {
            case Change.Save s ->
                values.put(new Slot(s.value().key(), s.value().value().identity()), s);
            case Change.Remove r -> values.put(new Slot(r.key(), r.identity()), r);
            case Change.NodeId n -> nodeId = n;
            case Change.Contacts c -> contacts = c;
            case Change.Barrier b -> barriers.add(b);
            case Change.Stop s -> stop = true;
        }
    }

    /** Adds queued changes, in their order. */
    void addAll(Collection<Change> changes) {
        changes.forEach(this::add);
    }

    /** How many changes were added, before coalescing. */
    int taken() {
        return taken;
    }

    /** Whether a change asks for a commit now rather than at the end of the batch window. */
    boolean urgent() {
        return stop || !barriers.isEmpty();
    }

    /** Whether the writer was told to stop after this batch. */
    boolean stop() {
        return stop;
    }

    /** The node id and contacts to write, the last of each, if any. */
    List<Change> metaWrites() {
        List<Change> writes = new ArrayList<>(2);
        if (nodeId != null) {
            writes.add(nodeId);
        }
        if (contacts != null) {
            writes.add(contacts);
        }
        return writes;
    }

    /** The value changes to write: the last of each value, in the order each value was first changed. */
    List<Change> valueWrites() {
        return new ArrayList<>(values.values());
    }

    /** The barriers to run once the batch is committed, in the order they were queued. */
    List<Change.Barrier> barriers() {
        return barriers;
    }

    /** Empties the batch for the next one. */
    void clear() {
        values.clear();
        barriers.clear();
        nodeId = null;
        contacts = null;
        taken = 0;
        stop = false;
    }
}
