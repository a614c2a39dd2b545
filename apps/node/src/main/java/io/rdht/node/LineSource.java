package io.rdht.node;

/** Where console lines come from: a terminal with line editing, or a plain stream. */
public interface LineSource extends AutoCloseable {

    /** The next line, or {@code null} at the end of input. */
    String readLine();

    /** Where to print while reading from this source. */
    Printer printer();

    /** Releases the source (restores the terminal, saves the history). */
    @Override
    void close();
}
