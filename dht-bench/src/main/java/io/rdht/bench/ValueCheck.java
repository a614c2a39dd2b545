package io.rdht.bench;

import io.rdht.core.Value;
import java.util.List;

/**
 * What the gets of the benchmark found: right is exactly one value, with the key's text and, when
 * the put succeeded, the id the put assigned; missing is nothing; wrong is anything else. Written
 * by one thread.
 */
final class ValueCheck {

    private long right;
    private long missing;
    private long wrong;

    /** Judges what a get of {@code stored} found. */
    void add(Workload.Stored stored, List<Value> found) {
        if (found.isEmpty()) {
            missing++;
        } else if (found.size() == 1 && matches(stored, found.getFirst())) {
            right++;
        } else {
            wrong++;
        }
    }

    /** Gets that found exactly the value put. */
    long right() {
        return right;
    }

    /** Gets that found nothing. */
    long missing() {
        return missing;
    }

    /** Gets that found another value, or more than one. */
    long wrong() {
        return wrong;
    }

    private static boolean matches(Workload.Stored stored, Value value) {
        return value.dataAsText().equals(stored.key())
                && (stored.value() == null || stored.value().id() == value.id());
    }
}
