package io.rdht.bench;

/**
 * How one measured phase went.
 *
 * @param name      what the phase did, e.g. {@code put, 1 at a time}
 * @param attempted operations started
 * @param latency   the latencies of the operations that succeeded
 * @param failures  the operations that failed, by kind
 * @param seconds   wall-clock time of the phase, from the first start to the last end
 * @param cpuSeconds CPU time the whole JVM used during the phase (JIT compiler and GC included)
 * @param traffic   what the cluster sent during the phase (upkeep included)
 */
record PhaseResult(
        String name,
        long attempted,
        LatencyRecorder latency,
        Failures failures,
        double seconds,
        double cpuSeconds,
        Traffic traffic) {

    /** Operations that succeeded. */
    long succeeded() {
        return latency.count();
    }

    /** Successful operations per second of the phase. */
    double perSecond() {
        return seconds > 0 ? succeeded() / seconds : 0;
    }

    /** CPU time per operation started, in microseconds. */
    double cpuMicrosPerOp() {
        return attempted > 0 ? cpuSeconds * 1e6 / attempted : 0;
    }

    /** Datagrams the cluster sent per operation started. */
    double datagramsPerOp() {
        return attempted > 0 ? (double) traffic.datagrams() / attempted : 0;
    }
}
