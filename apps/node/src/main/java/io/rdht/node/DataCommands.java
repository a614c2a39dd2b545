package io.rdht.node;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;

/**
 * The console's {@code g} and {@code p}: each waits for its operation to end, printing values as
 * they arrive, so that a script's next line sees its effect. Failures propagate as
 * {@link io.rdht.core.DhtException} for the console to print.
 */
final class DataCommands {

    private final DhtNode node;
    private final Printer out;

    DataCommands(DhtNode node, Printer out) {
        this.node = node;
        this.out = out;
    }

    /** Prints each value under {@code key} as the lookup finds it, then how many there were. */
    void get(InfoHash key) {
        int n = 0;
        // toIterable hands each value to this thread, so printing never blocks the node's thread.
        for (Value v : node.get(key).toIterable()) {
            out.println(Format.value(v));
            n++;
        }
        out.println("done: " + Reports.count(n, "value"));
    }

    /** Puts {@code text} as a text value with the default TTL and prints where it was stored. */
    void put(InfoHash key, String text, boolean signed) {
        PutResult r = (signed ? node.putSigned(key, Value.of(text)) : node.put(key, Value.of(text))).block();
        out.println((signed ? "signed and stored " : "stored ")
                + Format.valueId(r.value().id()) + " on "
                + Reports.count(r.storers().size(), "node"));
    }
}
