package io.rdht.core.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * The slots of a {@link Storage} ordered by expiry, with lazy invalidation.
 *
 * <p>Each slot has one current entry, at a time no later than the slot's expiry. When a refresh
 * moves an expiry later, nothing is done here: the entry falls due early and is put back at the
 * new time, so a refresh costs O(1). When an edit moves an expiry earlier, a new entry is pushed
 * and the old one goes stale; a stale entry is dropped when it reaches the head. So that stale
 * entries cannot pile up (an owner editing one value again and again), the heap is rebuilt from
 * its current entries once stale ones outnumber them by more than a small slack; a rebuild costs
 * O(n) after at least n stale pushes, so every operation stays O(log n) amortized.
 */
final class ExpiryQueue {

    private static final Comparator<Entry> ORDER =
            Comparator.comparingLong(Entry::at).thenComparingLong(Entry::ticket);
    /** Stale entries tolerated beyond the current ones before a rebuild, so small heaps never rebuild. */
    private static final int STALE_SLACK = 64;

    private PriorityQueue<Entry> heap = new PriorityQueue<>(ORDER);
    private long nextTicket;
    private long scheduled;

    /** Schedules a new slot at its expiry. */
    void add(Slot slot) {
        scheduled++;
        push(slot, slot.expiresAt);
    }

    /** Takes note that the slot's expiry changed. */
    void rescheduled(Slot slot) {
        if (slot.expiresAt < slot.queuedAt) {
            push(slot, slot.expiresAt);
            if (heap.size() > 2 * scheduled + STALE_SLACK) {
                compact();
            }
        }
    }

    /** Removes and returns, in expiry order, every slot whose expiry is at or before {@code nowMillis}. */
    List<Slot> drainDue(long nowMillis) {
        List<Slot> due = new ArrayList<>();
        while (!heap.isEmpty() && heap.peek().at() <= nowMillis) {
            Entry head = heap.poll();
            if (!head.isCurrent()) {
                continue;
            }
            Slot slot = head.slot();
            if (slot.expiresAt <= nowMillis) {
                scheduled--;
                due.add(slot);
            } else {
                push(slot, slot.expiresAt);
            }
        }
        return due;
    }

    /** The earliest expiry of any scheduled slot. */
    OptionalLong next() {
        while (!heap.isEmpty()) {
            Entry head = heap.peek();
            if (!head.isCurrent()) {
                heap.poll();
            } else if (head.slot().expiresAt > head.at()) {
                heap.poll();
                push(head.slot(), head.slot().expiresAt);
            } else {
                return OptionalLong.of(head.at());
            }
        }
        return OptionalLong.empty();
    }

    /** Entries in the heap, current and stale. */
    int size() {
        return heap.size();
    }

    private void push(Slot slot, long at) {
        long ticket = nextTicket++;
        slot.ticket = ticket;
        slot.queuedAt = at;
        heap.add(new Entry(at, ticket, slot));
    }

    private void compact() {
        PriorityQueue<Entry> current = new PriorityQueue<>(ORDER);
        for (Entry e : heap) {
            if (e.isCurrent()) {
                current.add(e);
            }
        }
        heap = current;
    }

    private record Entry(long at, long ticket, Slot slot) {
        boolean isCurrent() {
            return slot.ticket == ticket;
        }
    }
}
