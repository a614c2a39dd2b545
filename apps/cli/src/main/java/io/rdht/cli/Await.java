package io.rdht.cli;

import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Waits for a node's answer on behalf of a command, and turns a wait that runs out into a
 * {@link UserError} that says what did not happen in time, instead of Reactor's own message.
 */
public final class Await {

    private Await() {}

    /**
     * The value of {@code answer}, waiting at most {@code timeout}.
     *
     * @param what what the user waits for, as in "the node did not start": the message reads
     *             "{@code what} within N s"
     * @throws UserError (exit 1) when {@code timeout} passes first
     */
    public static <T> T within(Mono<T> answer, Duration timeout, String what) {
        try {
            return answer.block(timeout);
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("Timeout on blocking read")) {
                throw e;
            }
            throw new UserError(
                    ExitCode.FAILED,
                    what + " within " + readable(timeout) + " (is the machine overloaded? the load average may say)");
        }
    }

    private static String readable(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
