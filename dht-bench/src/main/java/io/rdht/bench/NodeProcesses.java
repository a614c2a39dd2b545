package io.rdht.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A network of {@code rdht} console nodes, one process each, on 127.0.0.1: node 0 starts a new
 * network, the others join through it. Knows each node's process id and port, kills any of them
 * with SIGKILL at once, and restarts them on the ports they had. {@link #close} kills whatever
 * still runs.
 *
 * <p>Each node gets its own identity file in the working directory, which is also its config
 * directory ({@code XDG_CONFIG_HOME}); every process id started is appended to {@code pids} there,
 * so that a script can stop them by id even if this JVM is killed.
 */
public final class NodeProcesses implements AutoCloseable {

    /** Most nodes one network may have: each is a JVM of ~100 MB. */
    public static final int MAX_NODES = 64;

    private final List<String> launch;
    private final Path dir;
    private final Duration startTimeout;
    // copy-on-write, so that close() (a shutdown hook, say) kills them while start() still waits
    private final List<ConsoleNode> nodes = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private final List<Integer> ports = new ArrayList<>();

    /**
     * A network to be started with {@code launch}, the command line that runs rdht's
     * {@code io.rdht.node.Main} (e.g. {@code bin/rdht}, or {@code java -cp … io.rdht.node.Main}),
     * working in {@code dir}; each node must print its first line within {@code startTimeout}.
     */
    public NodeProcesses(List<String> launch, Path dir, Duration startTimeout) {
        this.launch = List.copyOf(launch);
        this.dir = dir;
        this.startTimeout = startTimeout;
    }

    /**
     * Starts {@code n} nodes on free ports: node 0 alone, then the others all at once, each
     * joining through node 0; returns once every one is up.
     */
    public synchronized void start(int n) {
        if (n < 1 || n > MAX_NODES || !nodes.isEmpty()) {
            throw new IllegalArgumentException("start 1.." + MAX_NODES + " nodes, once; asked for " + n);
        }
        nodes.add(launchNode(0, 0, null).awaitReady(startTimeout));
        String bootstrap = nodes.get(0).address();
        for (int i = 1; i < n; i++) {
            nodes.add(launchNode(i, 0, bootstrap));
        }
        nodes.forEach(node -> node.awaitReady(startTimeout));
        nodes.forEach(node -> ports.add(node.port()));
    }

    /** Node {@code i}, as last (re)started. */
    public synchronized ConsoleNode node(int i) {
        return nodes.get(i);
    }

    /** Number of nodes, dead or alive. */
    public synchronized int size() {
        return nodes.size();
    }

    /** Kills the given nodes with SIGKILL, all at once, and waits for their processes to end. */
    public synchronized void kill(Collection<Integer> indexes) {
        indexes.forEach(i -> nodes.get(i).killNow());
        indexes.forEach(i -> nodes.get(i).kill());
    }

    /**
     * Starts the given nodes again, each on the port it had, all at once, joining through
     * {@code bootstrap} ({@code host:port}); returns once every one is up. Each comes back with a
     * new node id, as a restarted rdht process does.
     */
    public synchronized void restart(Collection<Integer> indexes, String bootstrap) {
        for (int i : indexes) {
            if (nodes.get(i).alive()) {
                throw new IllegalStateException(
                        "node " + i + " (pid " + nodes.get(i).pid() + ") still runs");
            }
            nodes.set(i, launchNode(i, ports.get(i), bootstrap));
        }
        indexes.forEach(i -> nodes.get(i).awaitReady(startTimeout));
    }

    /** Kills (SIGKILL) every node still running, and any node a start still under way would start. */
    @Override
    public void close() {
        closed = true;
        nodes.forEach(ConsoleNode::killNow);
        nodes.forEach(ConsoleNode::close);
    }

    private ConsoleNode launchNode(int index, int port, String bootstrap) {
        if (closed) {
            throw new IllegalStateException("the network of rdht processes was closed");
        }
        List<String> args = new ArrayList<>(List.of(
                "-p",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--identity",
                dir.resolve("node-" + index + ".identity").toString()));
        if (bootstrap != null) {
            args.addAll(List.of("-b", bootstrap));
        }
        try {
            ConsoleNode node = ConsoleNode.launch(launch, args, Map.of("XDG_CONFIG_HOME", dir.toString()));
            Files.writeString(
                    dir.resolve("pids"),
                    node.pid() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start rdht with " + launch, e);
        }
    }
}
