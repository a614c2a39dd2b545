package io.rdht.core.storage;

import io.rdht.core.Value;
import java.util.Objects;

/** What {@link Storage#store} did with a value: added, updated, refreshed or refused it. */
public sealed interface StoreOutcome {

    /** True unless the value was refused. */
    default boolean accepted() {
        return !(this instanceof Refused);
    }

    /**
     * The value's id was not stored under the key; now it is.
     *
     * @param value the value stored
     */
    record Added(Value value) implements StoreOutcome {
        /** Checks the value is present. */
        public Added {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An edit replaced the value stored under the same id.
     *
     * @param previous the value replaced
     * @param current  the value stored now
     */
    record Updated(Value previous, Value current) implements StoreOutcome {
        /** Checks both values are present. */
        public Updated {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(current, "current");
        }
    }

    /**
     * The same content was stored again; its expiry may have moved later, never earlier.
     *
     * @param value    the value stored after the refresh
     * @param extended whether the expiry moved later (listeners need to hear of it)
     */
    record Refreshed(Value value, boolean extended) implements StoreOutcome {
        /** Checks the value is present. */
        public Refreshed {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The value was refused and nothing changed.
     *
     * @param code   the error code to send back to the putting node
     * @param reason the limit or rule the value broke, in words
     */
    record Refused(Refusal code, String reason) implements StoreOutcome {
        /** Checks code and reason are present. */
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
