package io.rdht.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A benchmark's command line: {@code --flag value} or {@code --flag=value} pairs, checked as they are read. */
final class Flags {

    private Flags() {
    }

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
