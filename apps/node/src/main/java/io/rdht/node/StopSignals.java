package io.rdht.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import sun.misc.Signal;

/**
 * Waits for SIGTERM or SIGINT. Handling them ourselves (instead of the JVM's default, which runs
 * shutdown hooks and exits 143 or 130) lets the main thread stop the node in order and exit 0.
 */
final class StopSignals {

    private final CompletableFuture<String> received = new CompletableFuture<>();

    private StopSignals() {}

    /**
     * Takes SIGTERM and SIGINT over from now on: a signal that arrives while the node is still
     * starting is kept, and the node stops as soon as it has started.
     */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> signals.received.complete("SIG" + s.getName()));
        }
        return signals;
    }

    /** Blocks until SIGTERM or SIGINT has arrived and returns its name ({@code SIGTERM}). */
    String await() throws InterruptedException {
        try {
            return received.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a signal handler cannot fail", e);
        }
    }
}
