package io.rdht.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void userAndKernelTimesAreFieldsFourteenAndFifteenAfterACommandNameWithSpaces() {
        String stat = "4242 (java (a b) c) S 1 4242 4242 0 -1 4194304 9 0 0 0 250 37 0 0 20 0 14 0 99 0 0";

        assertThat(ProcessCpu.parse(stat)).isEqualTo(new ProcessCpu(2_500_000_000L, 370_000_000L));
    }

    @Test
    void cpuPerThingIsMicrosecondsOfEachSinceTheEarlierReading() {
        ProcessCpu before = new ProcessCpu(1_000_000_000L, 500_000_000L);
        ProcessCpu after = new ProcessCpu(1_300_000_000L, 1_100_000_000L);

        assertThat(after.perThingSince(before, 100_000)).isEqualTo("3.0 / 6.0");
        assertThat(after.perThingSince(ProcessCpu.UNKNOWN, 100_000)).isEqualTo("?");
    }

    @Test
    void thisProcessHasUsedSomeCpu() {
        ProcessCpu self = ProcessCpu.of(ProcessHandle.current().pid());

        assertThat(self.userNanos()).isPositive();
        assertThat(ProcessCpu.of(-1)).isEqualTo(ProcessCpu.UNKNOWN);
    }
}
