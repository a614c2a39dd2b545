package io.rdht.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The JVM's memory at one moment, read right after full garbage collections, so that the heap
 * figure counts only what is still reachable. Two readings, before a cluster starts and after,
 * give the memory each node costs.
 *
 * <p>Where the JVM runs with its whole heap committed and touched from the start ({@code -Xms}
 * equal to {@code -Xmx} and {@code -XX:+AlwaysPreTouch}, as {@code bin/bench} starts it), the
 * resident set's growth is what the nodes hold outside the heap, and a node's memory is its live
 * heap plus that. Otherwise the growth also counts heap the collector keeps committed beyond the
 * live objects (G1 by default keeps up to 70% free), which moves by megabytes between readings.
 *
 * @param heapBytes the used heap after the collections (MemoryMXBean): live objects
 * @param rssBytes  the resident set size (VmRSS of /proc/self/status), or -1 where there is none:
 *                  what the operating system sees, heap pages the JVM keeps after collecting,
 *                  metaspace, compiled code and native buffers included
 */
record MemoryReading(long heapBytes, long rssBytes) {

    /** Full collections per reading: later ones free what finalization and cleaners released. */
    private static final int COLLECTIONS = 3;

    private static final long PAUSE_MILLIS = 50;
    private static final Path STATUS = Path.of("/proc/self/status");
    /**
     * The platform's MBean server, through which the C heap is trimmed: set up when this class
     * loads, before the first reading, so that its objects never count as the nodes' heap.
     */
    private static final MBeanServer PLATFORM = ManagementFactory.getPlatformMBeanServer();

    /**
     * Collects garbage a few times and reads the used heap, then hands the C heap's free pages back
     * to the system and reads the resident set size.
     */
    static MemoryReading afterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < COLLECTIONS; i++) {
            memory.gc();
            // lets the reference handler and cleaner threads run before the next collection
            Thread.sleep(PAUSE_MILLIS);
        }
        long heap = memory.getHeapMemoryUsage().getUsed();
        trimNativeHeap();
        return new MemoryReading(heap, rssBytes(STATUS));
    }

    /**
     * Returns the C heap's free pages to the system, as {@code jcmd PID System.trim_native_heap}
     * does: glibc keeps what the JIT compilers' arenas freed (megabytes while C2 compiles), which
     * would otherwise count as the nodes' growth. Does nothing where the JVM has no such command.
     */
    static void trimNativeHeap() {
        try {
            PLATFORM.invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "systemTrimNativeHeap",
                    new Object[] {null},
                    new String[] {String[].class.getName()});
        } catch (JMException e) {
            // not this JVM's command, or not this platform's: the reading keeps what malloc holds
        }
    }

    /** What each of {@code nodes} nodes added since {@code before}, in KiB. */
    PerNode perNodeSince(MemoryReading before, int nodes) {
        double heapKib = (heapBytes - before.heapBytes) / 1024.0 / nodes;
        double rssKib =
                rssBytes < 0 || before.rssBytes < 0 ? Double.NaN : (rssBytes - before.rssBytes) / 1024.0 / nodes;
        return new PerNode(heapKib, rssKib, heapResidentFromStart());
    }

    /** True if this JVM committed and touched its whole heap at start: its resident set holds all of it. */
    static boolean heapResidentFromStart() {
        long initial = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit();
        return initial == Runtime.getRuntime().maxMemory()
                && ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+AlwaysPreTouch");
    }

    /** The resident set size that {@code status} (a /proc/PID/status file) gives, or -1. */
    static long rssBytes(Path status) {
        try {
            OptionalLong kib = rssKib(Files.readAllLines(status));
            return kib.isPresent() ? kib.getAsLong() * 1024 : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The value of the {@code VmRSS:} line, e.g. {@code VmRSS:	  123456 kB}, in KiB. */
    static OptionalLong rssKib(List<String> statusLines) {
        return statusLines.stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .map(l -> l.substring("VmRSS:".length()).strip().split("\\s+")[0])
                .mapToLong(Long::parseLong)
                .findFirst();
    }

    /**
     * The memory a node costs, in KiB: a difference of two readings divided by the number of nodes.
     *
     * @param heapKib live heap per node
     * @param rssKib  resident set growth per node; NaN where the resident set size is unknown
     * @param heapResident whether the heap was resident from the start, so that {@code rssKib} is
     *     the growth outside the heap
     */
    record PerNode(double heapKib, double rssKib, boolean heapResident) {

        /** Live heap plus resident growth outside the heap, per node; NaN unless {@link #heapResident}. */
        double nodeKib() {
            return heapResident ? heapKib + rssKib : Double.NaN;
        }
    }
}
