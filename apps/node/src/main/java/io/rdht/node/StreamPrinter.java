package io.rdht.node;

import java.io.PrintStream;

/** A {@link Printer} on a stream, flushed after each line so that a script reading it sees it at once. */
public final class StreamPrinter implements Printer {

    private final PrintStream out;

    /** Prints to {@code out}. */
    public StreamPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void println(String line) {
        out.println(line);
        out.flush();
    }
}
