package io.rdht.core.engine;

import io.rdht.core.wire.Fragment;
import io.rdht.core.wire.Reassembler;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The node's {@link Reassembler} with a timer: while partial messages are held, a sweep runs when
 * the oldest is due to time out, so that what an attacker left behind is freed on time even when
 * no fragment follows. No timer runs while nothing is held. Its counters go to {@link NodeStats}.
 */
final class FragmentIntake {

    private final Reassembler reassembler = new Reassembler();
    private final EngineEnvironment env;
    private final NodeStats stats;
    private EngineEnvironment.Timer sweep;
    private boolean closed;

    FragmentIntake(EngineEnvironment env, NodeStats stats) {
        this.env = env;
        this.stats = stats;
    }

    /** Takes one piece from {@code from}; the whole message's encoding when this piece completes it. */
    Optional<byte[]> accept(InetSocketAddress from, Fragment fragment) {
        Optional<byte[]> whole = reassembler.accept(from, fragment, env.nowMillis());
        stats.reassembly(reassembler);
        scheduleSweep();
        return whole;
    }

    /** Stops the timer; nothing is swept after this. */
    void close() {
        closed = true;
        if (sweep != null) {
            sweep.cancel();
            sweep = null;
        }
    }

    private void scheduleSweep() {
        if (closed || sweep != null || reassembler.partialCount() == 0) {
            return;
        }
        long delay = Math.max(1, reassembler.nextTimeoutMillis() - env.nowMillis());
        sweep = env.schedule(delay, this::sweep);
    }

    private void sweep() {
        sweep = null;
        reassembler.expire(env.nowMillis());
        stats.reassembly(reassembler);
        scheduleSweep();
    }
}
