package io.rdht.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** What the process tests share: a config directory of their own, and every process killed at the end. */
abstract class ProcessTest {

    @TempDir
    Path config;

    private final List<RdhtProcess> started = new ArrayList<>();

    @AfterEach
    void killProcesses() throws InterruptedException {
        for (RdhtProcess p : started) {
            p.kill();
        }
    }

    /** Kills {@code process} when the test ends, and returns it. */
    RdhtProcess track(RdhtProcess process) {
        started.add(process);
        return process;
    }
}
