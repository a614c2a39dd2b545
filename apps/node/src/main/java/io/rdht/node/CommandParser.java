package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.core.HostPort;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a console line into a {@link ConsoleCommand}. Words are separated by white space; the
 * value of {@code p KEY VALUE} is the rest of the line, spaces included. Blank lines and lines
 * starting with {@code #} are no command, so that scripts can carry comments.
 */
public final class CommandParser {

    private static final int MAX_TOKEN_DIGITS = 9;

    private CommandParser() {}

    /**
     * The command on {@code line}, or empty for a blank line or a comment.
     *
     * @throws UserError naming the problem: an unknown command, a missing or extra argument, a bad
     *                   key or address
     */
    public static Optional<ConsoleCommand> parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return Optional.empty();
        }
        String[] verbAndRest = trimmed.split("\\s+", 2);
        String verb = verbAndRest[0];
        String rest = verbAndRest.length > 1 ? verbAndRest[1] : "";
        return Optional.of(
                switch (verb) {
                    case "g" -> new ConsoleCommand.Get(Keys.parse(single(verb, rest)));
                    case "p" -> put(verb, rest, false);
                    case "s" -> put(verb, rest, true);
                    case "l" -> new ConsoleCommand.Listen(Keys.parse(single(verb, rest)));
                    case "cl" -> cancel(single(verb, rest));
                    case "ll" -> none(verb, rest, new ConsoleCommand.NodeInfo());
                    case "lr" -> none(verb, rest, new ConsoleCommand.RoutingTable());
                    case "ls" -> none(verb, rest, new ConsoleCommand.Listens());
                    case "ld" -> none(verb, rest, new ConsoleCommand.Storage());
                    case "b" -> bootstrap(rest);
                    case "h", "help" -> none(verb, rest, new ConsoleCommand.Help());
                    case "x", "quit", "exit" -> none(verb, rest, new ConsoleCommand.Quit());
                    default -> throw bad("unknown command '" + verb + "' (h for help)");
                });
    }

    private static ConsoleCommand put(String verb, String rest, boolean signed) {
        String[] keyAndValue = rest.split("\\s+", 2);
        if (keyAndValue.length < 2 || keyAndValue[0].isEmpty()) {
            throw bad(verb + " needs a KEY and a VALUE: " + verb + " KEY VALUE");
        }
        return new ConsoleCommand.Put(Keys.parse(keyAndValue[0]), keyAndValue[1], signed);
    }

    private static ConsoleCommand cancel(String arg) {
        boolean token = arg.length() <= MAX_TOKEN_DIGITS && arg.chars().allMatch(c -> c >= '0' && c <= '9');
        return token
                ? new ConsoleCommand.CancelListen(Integer.parseInt(arg))
                : new ConsoleCommand.CancelListensOn(Keys.parse(arg));
    }

    private static ConsoleCommand bootstrap(String rest) {
        if (rest.isEmpty()) {
            throw bad("b needs at least one HOST:PORT");
        }
        List<InetSocketAddress> nodes = new ArrayList<>();
        for (String word : rest.split("\\s+")) {
            try {
                nodes.add(HostPort.parse(word));
            } catch (IllegalArgumentException e) {
                throw bad("b: " + e.getMessage());
            }
        }
        return new ConsoleCommand.Bootstrap(nodes);
    }

    private static String single(String verb, String rest) {
        if (rest.isEmpty()) {
            throw bad(verb + " needs a " + (verb.equals("cl") ? "TOKEN or KEY" : "KEY (a name or 40 hex digits)"));
        }
        String[] words = rest.split("\\s+");
        if (words.length > 1) {
            throw bad(verb + " takes one argument, got " + words.length + ": " + rest);
        }
        return rest;
    }

    private static ConsoleCommand none(String verb, String rest, ConsoleCommand command) {
        if (!rest.isEmpty()) {
            throw bad(verb + " takes no argument, got: " + rest);
        }
        return command;
    }

    private static UserError bad(String message) {
        return new UserError(ExitCode.BAD_INPUT, message);
    }
}
