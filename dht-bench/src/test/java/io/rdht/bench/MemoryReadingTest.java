package io.rdht.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryReadingTest {

    private static final int MIB = 1 << 20;

    @Test
    void residentSetSizeComesFromTheVmRssLine() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t  999999 kB", "VmRSS:\t  123456 kB", "Threads:\t42");

        assertThat(MemoryReading.rssKib(status)).hasValue(123456);
    }

    @Test
    void residentSetSizeIsUnknownWithoutAStatusFile(@TempDir Path dir) {
        assertThat(MemoryReading.rssKib(List.of("Name:\tjava"))).isEmpty();
        assertThat(MemoryReading.rssBytes(dir.resolve("status"))).isEqualTo(-1);
    }

    @Test
    void heapReadingCountsWhatIsReachableAndNotGarbage() throws InterruptedException {
        MemoryReading before = MemoryReading.afterGc();
        byte[] held = new byte[32 * MIB];
        MemoryReading holding = MemoryReading.afterGc();
        Reference.reachabilityFence(held);
        held = null;
        MemoryReading released = MemoryReading.afterGc();

        assertThat(holding.heapBytes() - before.heapBytes())
                .as("heap growth while 32 MiB are held")
                .isBetween(24L * MIB, 40L * MIB);
        assertThat(holding.heapBytes() - released.heapBytes())
                .as("heap freed once they are garbage")
                .isGreaterThan(28L * MIB);
    }

    @Test
    void perNodeDividesTheGrowthInKib() {
        MemoryReading before = new MemoryReading(10 * MIB, 50 * MIB);
        MemoryReading after = new MemoryReading(10 * MIB + 100 * 1024, 50 * MIB + 300 * 1024);

        MemoryReading.PerNode perNode = after.perNodeSince(before, 50);

        assertThat(perNode.heapKib()).isEqualTo(2.0);
        assertThat(perNode.rssKib()).isEqualTo(6.0);
    }

    @Test
    void perNodeResidentGrowthIsUnknownWhenEitherReadingLacksIt() {
        MemoryReading.PerNode perNode = new MemoryReading(2048, 4096).perNodeSince(new MemoryReading(0, -1), 2);

        assertThat(perNode.heapKib()).isEqualTo(1.0);
        assertThat(perNode.rssKib()).isNaN();
    }

    @Test
    void aNodesMemoryIsItsLiveHeapPlusItsResidentGrowthOnlyWhereTheHeapWasResidentFromTheStart() {
        assertThat(new MemoryReading.PerNode(34.0, 13.0, true).nodeKib()).isEqualTo(47.0);
        assertThat(new MemoryReading.PerNode(34.0, 13.0, false).nodeKib()).isNaN();
    }

    @Test
    void thisTestJvmsHeapGrowsAsItNeedsSoItsResidentGrowthIsNotTakenForWhatLiesOutsideTheHeap() {
        assertThat(MemoryReading.heapResidentFromStart()).isFalse();
    }
}
