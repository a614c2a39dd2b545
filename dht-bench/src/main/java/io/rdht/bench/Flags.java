package io.rdht.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A benchmark's command line: {@code --flag value} or {@code --flag=value} pairs, checked as they are read. */
final class Flags {

    private Flags() {}

    /**
     * The value of each flag given, by flag; a flag given twice keeps its last value.
     *
     * @throws UsageException for a flag not in {@code known} or one without a value
     */
    static Map<String, String> parse(List<String> known, String... args) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String flag = eq > 0 ? arg.substring(0, eq) : arg;
            if (!known.contains(flag)) {
                throw new UsageException("unknown argument " + arg);
            }
            if (eq > 0) {
                values.put(flag, arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                values.put(flag, args[++i]);
            } else {
                throw new UsageException(flag + " needs a value");
            }
        }
        return values;
    }

    /** Parses a command line into a benchmark's options; throws {@link UsageException} on a bad one. */
    @FunctionalInterface
    interface Parser<T> {
        /** The options from {@code args}. */
        T parse(String... args) throws UsageException;
    }

    /**
     * A benchmark's options from {@code args}; empty after printing {@code usage} when {@code args}
     * ask for it. A bad command line ends the JVM with exit status 2 and a message naming the flag.
     */
    static <T> Optional<T> parseOrExit(String command, String usage, Parser<T> parser, String... args) {
        if (asksForHelp(args)) {
            System.out.print(usage);
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(args));
        } catch (UsageException e) {
            System.err.println(command + ": " + e.getMessage() + " (see --help)");
            System.exit(2);
            return Optional.empty();
        }
    }

    /** True if {@code args} ask for the usage. */
    static boolean asksForHelp(String... args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    /**
     * {@code text} as a whole number in {@code min..max}.
     *
     * @throws UsageException naming {@code flag} when it is not one, or out of range
     */
    static int number(String flag, String text, int min, int max) throws UsageException {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": '" + text + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new UsageException(flag + " must be in " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    /** A command line a benchmark cannot run with; the message names the flag. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
