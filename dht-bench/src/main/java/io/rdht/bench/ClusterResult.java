package io.rdht.bench;

/**
 * The measurements of one network size.
 *
 * @param nodes the number of nodes
 * @param puts  puts one at a time
 * @param gets  gets one at a time, of the keys just put
 * @param check what those gets found
 * @param load  puts with many in flight
 */
record ClusterResult(int nodes, PhaseResult puts, PhaseResult gets, ValueCheck check, PhaseResult load) {
}
