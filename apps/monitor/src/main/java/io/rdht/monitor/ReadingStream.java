package io.rdht.monitor;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import java.io.PrintStream;
import java.time.Instant;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Follows a key on a node and shows its readings; used by {@code monitor} and {@code rdht demo}. */
public final class ReadingStream {

    /** How readings are shown. */
    public enum Mode {
        /** The latest reading per sensor, redrawn in place (a terminal). */
        TABLE,
        /** One line per reading. */
        LINES,
        /** One JSON object per reading and line. */
        JSON
    }

    private ReadingStream() {}

    /**
     * Shows every event of {@code key} on {@code out} until the returned subscription is disposed;
     * printing happens on a thread of its own, never on the node's.
     */
    public static Disposable follow(DhtNode node, InfoHash key, Mode mode, String title, PrintStream out) {
        ReadingDisplay display = switch (mode) {
            case TABLE -> new LiveTable(out, title);
            case LINES -> new PlainLines(out);
            case JSON -> new JsonLines(out);
        };
        Scheduler printer = Schedulers.newSingle("readings-output", true);
        Disposable following = node.listen(key)
                .publishOn(printer)
                .subscribe(
                        e -> display.show(SensorReading.of(e, Instant.now())),
                        e -> System.err.println("monitor: " + e.getMessage()));
        return () -> {
            following.dispose();
            printer.dispose();
        };
    }
}
