package io.rdht.node;

import io.rdht.cli.UserError;
import io.rdht.core.DhtException;
import java.util.Optional;

/**
 * The read-run-print loop: reads a line, runs its command, prints the outcome, until {@code x} or
 * the end of input. A mistyped line or a failed operation is reported and the loop goes on.
 */
public final class Console {

    private final LineSource in;
    private final Printer out;
    private final CommandRunner runner;

    /** A loop reading from {@code in} and running on {@code runner}. */
    public Console(LineSource in, CommandRunner runner) {
        this.in = in;
        this.out = in.printer();
        this.runner = runner;
    }

    /** Runs until {@code x} or the end of input. */
    public void run() {
        String line;
        while ((line = in.readLine()) != null) {
            if (!runLine(line)) {
                return;
            }
        }
    }

    private boolean runLine(String line) {
        try {
            Optional<ConsoleCommand> command = CommandParser.parse(line);
            return command.isEmpty() || runner.run(command.get());
        } catch (UserError e) {
            out.println(e.getMessage());
        } catch (DhtException e) {
            out.println("error: " + e.getMessage());
        }
        return true;
    }
}
