package io.rdht.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * rdht across hosts: runs bin/test-cluster (8 node containers on a podman bridge network, a
 * monitor, sensors, SIGKILLs, a restart on a kept volume, 10% UDP loss) and passes when every one
 * of its checks does. Tagged {@code cluster}: it needs root and podman, so the build runs it only
 * when asked ({@code -Drdht.excludedGroups=none}, as .ci/run does).
 */
@Tag("cluster")
class ClusterTest {

    /** Twice what the script took on a loaded 2-core machine: its own waits are bounded too. */
    private static final long TIMEOUT_MINUTES = 25;

    @Test
    void eightNodeContainersServeEveryReadingThroughKillsARestartAndLoss() throws IOException, InterruptedException {
        Path log = Files.createTempFile("rdht-test-cluster", ".log");
        Process script = new ProcessBuilder(
                        DeployFiles.root().resolve("bin/test-cluster").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = script.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            // SIGTERM: the script's trap removes its containers, volumes and network
            script.destroy();
            script.waitFor(2, TimeUnit.MINUTES);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        Files.delete(log);
        assertThat(ended)
                .as("bin/test-cluster ended within %d minutes", TIMEOUT_MINUTES)
                .isTrue();
        assertThat(output).doesNotContain("FAIL").contains("every check passed");
        assertThat(script.exitValue()).isZero();
    }
}
