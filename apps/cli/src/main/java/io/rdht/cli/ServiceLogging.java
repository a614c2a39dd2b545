package io.rdht.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Logs of a service: one line per event on standard output, where a service manager (systemd's
 * journal, a container runtime) collects them; rdht's lifecycle at INFO, debug with {@code -v}.
 */
public final class ServiceLogging {

    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %logger{0} - %msg%n";

    private ServiceLogging() {}

    /** Sends every log line to standard output, rdht's from INFO (DEBUG when {@code verbose}). */
    public static void toStandardOutput(boolean verbose) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(QuietLogConfigurator.consoleAppender(context, "System.out", PATTERN));
        context.getLogger("io.rdht").setLevel(verbose ? Level.DEBUG : Level.INFO);
    }
}
