package io.rdht.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Quiet logs by default (warnings only); {@code -v} shows rdht's debug output. */
public final class Logging {

    private Logging() {}

    /** Sets the log levels for a command run with or without {@code -v}. */
    public static void configure(boolean verbose) {
        ((Logger) LoggerFactory.getLogger("io.rdht")).setLevel(verbose ? Level.DEBUG : Level.WARN);
    }
}
