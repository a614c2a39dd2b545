package io.rdht.node;

/**
 * Where console output goes, one line at a time. Safe to call from any thread: listen events are
 * printed while the console waits for the next command.
 */
@FunctionalInterface
public interface Printer {

    /** Prints one line. */
    void println(String line);
}
