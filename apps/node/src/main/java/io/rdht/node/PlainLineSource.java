package io.rdht.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Lines from a pipe or a file, without prompt or editing, printed to a plain stream: for scripts. */
public final class PlainLineSource implements LineSource {

    private final BufferedReader in;
    private final Printer out;

    /** Reads UTF-8 lines from {@code in} and prints to {@code out}. */
    public PlainLineSource(InputStream in, PrintStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = new StreamPrinter(out);
    }

    @Override
    public String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's input", e);
        }
    }

    @Override
    public Printer printer() {
        return out;
    }

    @Override
    public void close() {
        // The input is the process's standard input: it stays open for whoever owns it.
    }
}
