package io.rdht.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.core.Value;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageLimitsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        StorageLimits d = StorageLimits.defaults();

        assertThat(d.maxValuesPerKey()).isEqualTo(1024);
        assertThat(d.maxKeys()).isEqualTo(65_536);
        assertThat(d.maxTotalBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(d.maxBytesPerSource()).isEqualTo(32L * 1024 * 1024);
        assertThat(d.maxTtl()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aSettingBelowOneIsRefusedByName() {
        Duration day = Duration.ofDays(1);
        assertThatThrownBy(() -> new StorageLimits(0, 1, 1, 1, day))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxValuesPerKey must be ≥ 1, got 0");
        assertThatThrownBy(() -> new StorageLimits(1, -3, 1, 1, day)).hasMessage("maxKeys must be ≥ 1, got -3");
        assertThatThrownBy(() -> new StorageLimits(1, 1, 0, 1, day)).hasMessage("maxTotalBytes must be ≥ 1, got 0");
        assertThatThrownBy(() -> new StorageLimits(1, 1, 1, 0, day)).hasMessage("maxBytesPerSource must be ≥ 1, got 0");
    }

    @Test
    void maxTtlShorterThanOneMillisecondIsRefused() {
        assertThatThrownBy(() -> new StorageLimits(1, 1, 1, 1, Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxTtl must be ≥ 1 ms");
        assertThatThrownBy(() -> new StorageLimits(1, 1, 1, 1, Duration.ofMinutes(-1)))
                .hasMessageStartingWith("maxTtl must be ≥ 1 ms");
        assertThatThrownBy(() -> new StorageLimits(1, 1, 1, 1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void chargeCountsDataContentTypeKeysAndOverhead() {
        Value plain = Value.builder()
                .id(1)
                .data(new byte[100])
                .contentType("text/plain")
                .build();
        Value signed = plain.toBuilder()
                .owner(new byte[32])
                .signature(new byte[64])
                .recipient(new byte[32])
                .build();

        assertThat(StorageLimits.chargeOf(plain)).isEqualTo(100 + 10 + StorageLimits.VALUE_OVERHEAD_BYTES);
        assertThat(StorageLimits.chargeOf(signed))
                .isEqualTo(100 + 10 + 32 + 64 + 32 + StorageLimits.VALUE_OVERHEAD_BYTES);
    }
}
