package io.rdht.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** A measured phase of a benchmark: runs its operations and says how many it started. */
@FunctionalInterface
interface Phase {

    /** Runs the phase, recording each operation that succeeded and counting each that failed. */
    long run(LatencyRecorder latency, Failures failures) throws InterruptedException;

    /**
     * Runs {@code phase} on {@code cluster} and measures it: wall-clock time, the whole JVM's CPU
     * time (JIT compiler and GC included) and what the cluster sent.
     */
    static PhaseResult measure(Cluster cluster, String name, Phase phase) throws InterruptedException {
        OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        LatencyRecorder latency = new LatencyRecorder();
        Failures failures = new Failures();
        Traffic before = cluster.traffic();
        long cpuStart = process.getProcessCpuTime();
        long start = System.nanoTime();
        long attempted = phase.run(latency, failures);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (process.getProcessCpuTime() - cpuStart) / 1e9;
        return new PhaseResult(
                name,
                attempted,
                latency,
                failures,
                seconds,
                cpuSeconds,
                cluster.traffic().since(before));
    }
}
