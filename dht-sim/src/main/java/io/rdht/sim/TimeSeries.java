package io.rdht.sim;

import java.util.ArrayList;
import java.util.List;

/** A ratio per time slot, e.g. the share of values found in each minute of a run. */
final class TimeSeries {

    private final long startMillis;
    private final long slotMillis;
    private final List<Ratio> slots = new ArrayList<>();

    TimeSeries(long startMillis, long slotMillis) {
        this.startMillis = startMillis;
        this.slotMillis = slotMillis;
    }

    /** Records an outcome at {@code timeMillis} (epoch). */
    void record(long timeMillis, boolean success) {
        int slot = (int) ((timeMillis - startMillis) / slotMillis);
        while (slots.size() <= slot) {
            slots.add(new Ratio());
        }
        slots.get(slot).record(success);
    }

    /** Minutes since the start, one per slot (the slot's start). */
    List<Double> minutes() {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            out.add(i * slotMillis / 60_000.0);
        }
        return out;
    }

    /** The fraction of successes in each slot, in percent (NaN for an empty slot). */
    List<Double> percentages() {
        return slots.stream().map(r -> 100 * r.fraction()).toList();
    }
}
