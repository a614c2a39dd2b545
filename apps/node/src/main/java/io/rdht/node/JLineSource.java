package io.rdht.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Lines from the user's terminal, with editing, completion of command names and a history kept
 * across sessions in {@code $XDG_CONFIG_HOME/rdht/history} (or {@code ~/.config/rdht/history}).
 * Events printed while the user types appear above the prompt, which is then drawn again.
 */
public final class JLineSource implements LineSource {

    private static final String PROMPT = "> ";

    private final Terminal terminal;
    private final LineReader reader;

    private JLineSource(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    /**
     * Opens the process's terminal, keeping the history in {@code historyFile}, or in memory only
     * when its directory cannot be made.
     */
    public static JLineSource open(Path historyFile) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).name("rdht").build();
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("rdht")
                .history(new DefaultHistory())
                .completer(new ArgumentCompleter(new StringsCompleter(Help.VERBS), NullCompleter.INSTANCE))
                // A value may contain '!' and quotes: take the line as typed.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
        String historyProblem = null;
        try {
            Files.createDirectories(historyFile.getParent());
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        } catch (IOException e) {
            historyProblem = "history not kept: cannot create " + historyFile.getParent() + " (" + e + ")";
        }
        JLineSource source = new JLineSource(terminal, builder.build());
        if (historyProblem != null) {
            source.printer().println(historyProblem);
        }
        return source;
    }

    /** Where the history lives: {@code $XDG_CONFIG_HOME/rdht/history}, else {@code ~/.config/rdht/history}. */
    public static Path historyFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config =
                xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("rdht").resolve("history");
    }

    @Override
    public String readLine() {
        try {
            return reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
            // Ctrl-C drops the line being typed, as in a shell; Ctrl-D or x leaves.
            return "";
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public Printer printer() {
        return reader::printAbove;
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
            terminal.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the history or restore the terminal", e);
        }
    }
}
