package io.rdht.bench;

import java.util.List;

/**
 * The measurements of one network size.
 *
 * @param nodes the number of nodes
 * @param puts  puts one at a time
 * @param gets  gets one at a time, of the keys just put
 * @param check  what those gets found
 * @param signed signed puts one at a time
 * @param listen the time from a put to each listener's event; its count is what was delivered
 * @param load   puts with many in flight
 */
record ClusterResult(int nodes, PhaseResult puts, PhaseResult gets, ValueCheck check, PhaseResult signed,
                     PhaseResult listen, PhaseResult load) {

    /** Every phase, in the order they ran. */
    List<PhaseResult> phases() {
        return List.of(puts, gets, signed, listen, load);
    }
}
