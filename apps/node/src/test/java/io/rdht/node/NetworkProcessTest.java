package io.rdht.node;

import io.rdht.bench.ConsoleNode;
import io.rdht.bench.NodeProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests on a network of {@code rdht} processes share: the network (started by the test,
 * in a directory of its own), every process killed at the end, and bounds that only catch a hang.
 */
abstract class NetworkProcessTest {

    /** Bound on a node's start: a loaded machine starts a dozen JVMs at once slowly. */
    static final Duration START = Duration.ofSeconds(180);
    /** Bound on one console command: a get through dead contacts may take many seconds on a loaded machine. */
    static final Duration STEP = Duration.ofSeconds(60);
    /** Bound on a routing table's settling after the events a test waits for. */
    static final Duration SETTLE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    NodeProcesses network;

    @BeforeEach
    void prepareNetwork() {
        network = new NodeProcesses(RdhtProcess.rdhtCommand(), dir, START);
    }

    @AfterEach
    void killNetwork() {
        network.close();
    }

    /** Types {@code g key} into {@code node}'s console and returns the answer, up to {@code done:} or an error. */
    static List<String> get(ConsoleNode node, String key) {
        return node.command("g " + key, l -> l.startsWith("done:") || l.startsWith("error"), STEP);
    }
}
