package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.core.storage.StorageLimits;

/**
 * Whether this JVM's heap holds what a node may store for others. Stored values are charged what
 * they take in heap ({@link StorageLimits#VALUE_OVERHEAD_BYTES}), so a node at its byte limit holds
 * about that much; a heap smaller than the limit and the rest of the node would fill up under a
 * flood of small values, and the node would spend its time collecting instead of serving. The
 * launchers size the heap from max-storage-mb (bin/lib/heap.sh: the limit and 128 MiB); this check
 * stops a node whose heap was set otherwise.
 */
final class HeapRoom {

    /** Heap a node needs besides its stored values, at the least: its keys, listens, routing and buffers. */
    static final long REST_OF_THE_NODE_MIB = 64;

    private static final long MIB = 1024L * 1024;

    private HeapRoom() {}

    /**
     * Refuses a node whose heap ceiling, {@code maxHeapBytes}, cannot hold its storage limit and
     * {@value #REST_OF_THE_NODE_MIB} MiB more.
     *
     * @throws UserError (exit 2) naming the limit, the heap, and how to bring them together
     */
    static void require(StorageLimits limits, long maxHeapBytes) {
        long storageMib = (limits.maxTotalBytes() + MIB - 1) / MIB;
        long heapMib = maxHeapBytes / MIB;
        if (heapMib >= storageMib + REST_OF_THE_NODE_MIB) {
            return;
        }
        throw new UserError(
                ExitCode.BAD_INPUT,
                "max-storage-mb " + storageMib + " needs a heap of " + (storageMib + REST_OF_THE_NODE_MIB)
                        + " MiB or more, and this JVM's holds " + heapMib + " MiB: lower max-storage-mb to "
                        + Math.max(1, heapMib - REST_OF_THE_NODE_MIB) + " or less, or raise the heap (the launchers"
                        + " give max-storage-mb + 128 MiB unless RDHT_JAVA_OPTS sets -Xmx)");
    }
}
