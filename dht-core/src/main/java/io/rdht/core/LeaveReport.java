package io.rdht.core;

import java.time.Duration;

/**
 * What a graceful {@link DhtNode#leave} did before the node closed.
 *
 * @param keys          keys this node stored values under for the network
 * @param values        values it stored
 * @param keysHandedOn  keys whose values at least one other live node confirmed it stores now
 * @param peersTold     contacts told that this node leaves
 * @param peersAnswered contacts that acknowledged it
 * @param took          how long it took
 * @param complete      false when the time budget ran out first (what was done still counts)
 */
public record LeaveReport(
        int keys, int values, int keysHandedOn, int peersTold, int peersAnswered, Duration took, boolean complete) {}
