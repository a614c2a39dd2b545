package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.core.storage.StorageLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeapRoomTest {

    private static final long MIB = 1024L * 1024;

    private static StorageLimits storingMib(long mib) {
        return new StorageLimits(1024, 65_536, mib * MIB, 32 * MIB, Duration.ofDays(1));
    }

    @Test
    void aHeapThatHoldsTheStorageLimitAndTheRestOfTheNodeIsEnough() {
        HeapRoom.require(StorageLimits.defaults(), 384 * MIB);
        HeapRoom.require(storingMib(4096), (4096 + HeapRoom.REST_OF_THE_NODE_MIB) * MIB);
    }

    @Test
    void aHeapSmallerThanTheStorageLimitAndTheRestOfTheNodeIsRefusedWithBothWaysOut() {
        assertThatThrownBy(() -> HeapRoom.require(StorageLimits.defaults(), 256 * MIB))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT))
                .hasMessage("max-storage-mb 256 needs a heap of 320 MiB or more, and this JVM's holds 256 MiB:"
                        + " lower max-storage-mb to 192 or less, or raise the heap (the launchers give"
                        + " max-storage-mb + 128 MiB unless RDHT_JAVA_OPTS sets -Xmx)");
        assertThatThrownBy(() -> HeapRoom.require(storingMib(4096), (4096 + HeapRoom.REST_OF_THE_NODE_MIB - 1) * MIB))
                .hasMessageStartingWith("max-storage-mb 4096 needs a heap of 4160 MiB or more");
    }

    @Test
    void aHeapTooSmallForAnyStorageSuggestsTheSmallestLimit() {
        assertThatThrownBy(() -> HeapRoom.require(storingMib(16), 32 * MIB))
                .hasMessageContaining("lower max-storage-mb to 1 or less");
    }
}
