package io.rdht.bench;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.internal.InternalConfig;
import io.rdht.core.storage.StorageLimits;
import io.rdht.crypto.Identity;
import io.rdht.store.StateStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * A network of nodes on 127.0.0.1 over real UDP, all in this JVM: the first node starts alone,
 * the others join through it one after the other; each has an identity of its own, for signed
 * puts. Closing it shuts every node down, those of a start that failed half-way included.
 */
final class Cluster implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration START_LIMIT = Duration.ofSeconds(10);
    private static final Duration READ_LIMIT = Duration.ofSeconds(5);
    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(10);
    private static final long SETTLE_POLL_MILLIS = 50;
    /**
     * The default storage limits, but a source's bytes may be all of a node's: every node of the
     * cluster sends from {@link #HOST}, one source address to each storer, and a long load phase
     * would otherwise meet the 32 MiB of one address (docs/SECURITY.md, "Storage").
     */
    private static final StorageLimits ONE_ADDRESS_FOR_ALL_NODES = oneAddressForAllNodes(StorageLimits.defaults());

    private final List<DhtNode> nodes;
    private final StateDirectories states;
    /** How long each node after the first took to start, that is to join. */
    private final LatencyRecorder joins = new LatencyRecorder();

    private Cluster(List<DhtNode> nodes, StateDirectories states) {
        this.nodes = nodes;
        this.states = states;
    }

    /**
     * Starts the first node, alone, within ten seconds; {@link #grow} adds the others. With
     * {@code persist}, every node keeps its state in a temporary state directory of its own.
     *
     * @throws StartFailure if it did not start
     */
    static Cluster startFirst(boolean persist) throws StartFailure {
        Cluster cluster = new Cluster(new ArrayList<>(), persist ? new StateDirectories() : null);
        try {
            cluster.grow(1);
            return cluster;
        } catch (StartFailure e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Starts nodes until there are {@code size}, one after the other, each joining through the
     * first within ten seconds.
     *
     * @throws StartFailure naming the node that did not start; those that did keep running until
     *                      {@link #close}
     */
    void grow(int size) throws StartFailure {
        try {
            while (nodes.size() < size) {
                DhtConfig.Builder config =
                        DhtConfig.builder().bindHost(HOST).port(0).identity(Identity.generate());
                if (!nodes.isEmpty()) {
                    config.bootstrap(HOST + ":" + nodes.getFirst().address().getPort());
                }
                if (states != null) {
                    InternalConfig.stateStore(config, states.open());
                }
                InternalConfig.engineSettings(
                        config, InternalConfig.engineSettings(config).withStorage(ONE_ADDRESS_FOR_ALL_NODES));
                startNode(config.build());
            }
        } catch (DhtException | IllegalStateException | StateStoreException e) {
            // a bind that failed, or a start that did not end within its limit (Mono.block's timeout)
            throw new StartFailure("node " + nodes.size() + " of " + size + " did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until every node's routing table holds at least {@code contacts} contacts, or
     * {@code limit} has passed.
     */
    Settling settle(int contacts, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (true) {
            int[] counts = contactCounts();
            boolean settled = counts[0] >= contacts;
            if (settled || System.nanoTime() >= deadline) {
                return new Settling(
                        settled, (System.nanoTime() - start) / 1e9, contacts, counts[0], counts[counts.length / 2]);
            }
            Thread.sleep(SETTLE_POLL_MILLIS);
        }
    }

    /** How long each node after the first took to join, from its start until it was ready. */
    LatencyRecorder joins() {
        return joins;
    }

    /** Number of nodes. */
    int size() {
        return nodes.size();
    }

    /** Node {@code index}, in the order they started. */
    DhtNode node(int index) {
        return nodes.get(index);
    }

    /** The nodes' traffic counters summed now. */
    Traffic traffic() {
        return Traffic.of(nodes);
    }

    /**
     * Waits, at most {@code limit}, until every value the nodes have saved so far is durable in
     * their state directories; returns at once for a cluster that persists nothing.
     *
     * @return whether everything was durable within the limit
     */
    boolean awaitDurable(Duration limit) throws InterruptedException {
        return states == null || states.awaitDurable(limit);
    }

    /** Shuts every node down, waiting at most ten seconds in all, then closes and deletes their states. */
    @Override
    public void close() {
        Flux.fromIterable(nodes).flatMap(DhtNode::shutdown).then().block(SHUTDOWN_LIMIT);
        if (states != null) {
            states.close();
        }
    }

    private static StorageLimits oneAddressForAllNodes(StorageLimits d) {
        return new StorageLimits(
                d.maxValuesPerKey(),
                d.maxKeys(),
                d.maxTotalBytes(),
                d.maxTotalBytes(),
                d.maxTtl(),
                d.maxValuesPerKeyPerSource(),
                d.maxBytesPerKeyPerSource());
    }

    private DhtNode startNode(DhtConfig config) {
        DhtNode node = DhtNode.create(config);
        boolean joining = !nodes.isEmpty();
        nodes.add(node);
        long start = System.nanoTime();
        node.start().block(START_LIMIT);
        if (joining) {
            joins.recordNanos(System.nanoTime() - start);
        }
        return node;
    }

    /** The nodes' contact counts, smallest first. */
    private int[] contactCounts() {
        List<Integer> counts = Flux.fromIterable(nodes)
                .flatMap(n -> n.routingTable().map(RoutingSnapshot::contactCount))
                .collectList()
                .block(READ_LIMIT);
        int[] sorted = counts.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * How the network settled.
     *
     * @param settled  whether every node reached the wanted number of contacts in time
     * @param seconds  how long the wait took
     * @param wanted   the contacts each node should have
     * @param fewest   the contacts of the node with the fewest
     * @param median   the median contacts per node
     */
    record Settling(boolean settled, double seconds, int wanted, int fewest, int median) {}

    /** A node of the cluster did not start. */
    static final class StartFailure extends Exception {
        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
