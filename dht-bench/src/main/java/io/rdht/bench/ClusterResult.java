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
 * @param settledMemory the memory the nodes added to the process, per node, once the routing tables
 *                      had filled and before any put
 * @param secondHalfMemory what the second half of the nodes added, per node of that half: the cost
 *                      of one more node once the process's one-off costs are paid
 * @param warmMemory    the memory per node after the warm-up, its stored values included
 */
record ClusterResult(
        int nodes,
        PhaseResult puts,
        PhaseResult gets,
        ValueCheck check,
        PhaseResult signed,
        PhaseResult listen,
        PhaseResult load,
        MemoryReading.PerNode settledMemory,
        MemoryReading.PerNode secondHalfMemory,
        MemoryReading.PerNode warmMemory) {

    /** Every phase, in the order they ran. */
    List<PhaseResult> phases() {
        return List.of(puts, gets, signed, listen, load);
    }
}
