package io.rdht.node;

import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.LeaveReport;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How a long-running node stops when asked to (the console's {@code x}, end of input, SIGTERM or
 * SIGINT): it leaves gracefully, handing its values on and telling its peers, within
 * {@link #BUDGET}, and says what it did in one line.
 */
final class GracefulStop {

    /** The most a stop waits for the hand-off and the goodbyes. */
    static final Duration BUDGET = Duration.ofSeconds(3);

    private GracefulStop() {}

    /** Leaves and closes {@code node}; the line to report, or empty if it was closed already. */
    static Optional<String> leave(DhtNode node) {
        try {
            LeaveReport r = node.leave(BUDGET).block(BUDGET.plusSeconds(2));
            return Optional.ofNullable(r).map(GracefulStop::describe);
        } catch (DhtException.NodeClosed alreadyClosed) {
            return Optional.empty();
        }
    }

    static String describe(LeaveReport r) {
        return String.format(
                Locale.ROOT,
                "left the network in %d ms: %s of %s handed on, %s told (%d answered)%s",
                r.took().toMillis(),
                Reports.count(r.keysHandedOn(), "key"),
                Reports.count(r.keys(), "key") + " (" + Reports.count(r.values(), "value") + ")",
                Reports.count(r.peersTold(), "peer"),
                r.peersAnswered(),
                r.complete() ? "" : "; stopped at the " + BUDGET.toSeconds() + " s limit");
    }
}
