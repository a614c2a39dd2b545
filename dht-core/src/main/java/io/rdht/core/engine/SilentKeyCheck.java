package io.rdht.core.engine;

import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One check of a silent key by a listen ({@link SilentKeyWidening}): the copies of values that the
 * check's get-lookup found and which node held each, kept until the storers' reconciliations that
 * follow the lookup have all ended; then whatever the storers still did not hand on is delivered
 * and its holders named. Bounded by the lookup: one first page from each node it asked.
 */
final class SilentKeyCheck {

    private final List<Copy> copies = new ArrayList<>();
    private int reconciling;
    private boolean registered;

    /** {@code holder} answered the check's lookup with {@code values}. */
    void onFound(NodeInfo holder, List<Value> values) {
        values.forEach(v -> copies.add(new Copy(holder, v)));
    }

    /** A storer's reconciliation started. */
    void reconciling() {
        reconciling++;
    }

    /** A storer's reconciliation ended; true when it was the last and every one has started. */
    boolean reconciled() {
        reconciling--;
        return registered && reconciling == 0;
    }

    /** Every reconciliation has started; true when none is left to wait for. */
    boolean registered() {
        registered = true;
        return reconciling == 0;
    }

    /**
     * Offers every copy found, newest seq first, to {@code deliver} (true when it made an event,
     * i.e. the listen lacked it after the storers reconciled) and returns the nodes that held a
     * version so delivered, in the order they answered.
     */
    Set<NodeInfo> deliverUndelivered(Predicate<Value> deliver) {
        List<Copy> newestFirst = new ArrayList<>(copies);
        newestFirst.sort(Comparator.comparingLong((Copy c) -> c.value.seq()).reversed());
        Map<Long, List<Value>> delivered = new HashMap<>();
        for (Copy c : newestFirst) {
            if (deliver.test(c.value)) {
                delivered.computeIfAbsent(c.value.id(), id -> new ArrayList<>()).add(c.value);
            }
        }
        Set<NodeInfo> holders = new LinkedHashSet<>();
        for (Copy c : copies) {
            for (Value v : delivered.getOrDefault(c.value.id(), List.of())) {
                if (c.value.sameVersionAs(v)) {
                    holders.add(c.holder);
                }
            }
        }
        return holders;
    }

    private record Copy(NodeInfo holder, Value value) {}
}
