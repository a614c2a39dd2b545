package io.rdht.sim;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.internal.InternalConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The nodes of a simulated network: it starts them, each joining through random nodes already
 * running, and under {@link Churn} crashes each at the end of its session and starts a new one in
 * its place. It also knows the truth a lookup is judged by: which node is really closest to an id.
 */
final class Population {

    private final EventLoop loop;
    private final SimulatedInternet internet;
    private final EngineSettings settings;
    private final int bootstraps;
    private final SplittableRandom random;
    private final List<DhtNode> alive = new ArrayList<>();
    private final Map<DhtNode, Integer> index = new HashMap<>();
    private final Set<InetSocketAddress> addresses = new HashSet<>();
    private final List<Consumer<DhtNode>> onDeath = new ArrayList<>();
    private Churn churn = Churn.none();
    private long joins;
    private long deaths;

    /** A population whose nodes join through {@code bootstraps} running nodes each (fewer while fewer run). */
    Population(
            EventLoop loop,
            SimulatedInternet internet,
            EngineSettings settings,
            int bootstraps,
            SplittableRandom random) {
        this.loop = loop;
        this.internet = internet;
        this.settings = settings;
        this.bootstraps = bootstraps;
        this.random = random;
    }

    /**
     * Starts one node at the next private address, joining through distinct random running nodes
     * (the first one joins nobody). It binds that address itself, as a node that knows its address does,
     * so that under id binding its id is derived from it.
     */
    DhtNode startOne() {
        InetSocketAddress address = internet.nextHonestAddress();
        DhtConfig.Builder config = DhtConfig.builder()
                .bindHost(address.getAddress().getHostAddress())
                .port(address.getPort())
                .randomSeed(random.nextLong());
        InternalConfig.transport(config, internet);
        InternalConfig.engineSettings(config, settings);
        if (!alive.isEmpty()) {
            config.bootstrap(bootstrapNodes());
        }
        DhtNode node = DhtNode.create(config.build());
        node.start().subscribe(n -> {}, e -> {
            throw new IllegalStateException("a simulated node failed to start", e);
        });
        index.put(node, alive.size());
        alive.add(node);
        addresses.add(node.address());
        joins++;
        if (churn.isActive()) {
            scheduleDeath(node, churn.sessionMillis(random));
        }
        return node;
    }

    /**
     * Turns churn on: each running node leaves after its residual time, and each node started from
     * now on after its session.
     */
    void startChurn(Churn churn) {
        this.churn = churn;
        if (churn.isActive()) {
            for (DhtNode n : List.copyOf(alive)) {
                scheduleDeath(n, churn.residualMillis(random));
            }
        }
    }

    /** Registers {@code action} to run when a node dies, after it stopped. */
    void onDeath(Consumer<DhtNode> action) {
        onDeath.add(action);
    }

    private void scheduleDeath(DhtNode node, long afterMillis) {
        loop.schedule(
                () -> {
                    if (index.containsKey(node)) {
                        kill(node);
                        startOne();
                    }
                },
                afterMillis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Crashes {@code count} running nodes chosen at random, all at this instant, and starts none
     * in their place.
     */
    void crashAtOnce(int count) {
        for (int i = 0; i < count && alive.size() > 1; i++) {
            kill(randomAlive());
        }
    }

    /**
     * Crashes {@code node}: it answers nothing from now on, and nothing it would still send leaves
     * it (a crash, not a shutdown: no goodbye reaches anyone). Then it is shut down, so that its
     * timers stop.
     */
    void kill(DhtNode node) {
        Integer at = index.remove(node);
        if (at == null) {
            return;
        }
        internet.crash(node.address());
        addresses.remove(node.address());
        DhtNode last = alive.remove(alive.size() - 1);
        if (last != node) {
            alive.set(at, last);
            index.put(last, at);
        }
        deaths++;
        node.shutdown().subscribe();
        onDeath.forEach(a -> a.accept(node));
    }

    /** Whether {@code node} is running. */
    boolean isAlive(DhtNode node) {
        return index.containsKey(node);
    }

    /** Whether a running node has {@code address}. */
    boolean isAliveAt(InetSocketAddress address) {
        return addresses.contains(address);
    }

    /** The addresses a joining node bootstraps from: distinct running nodes, chosen at random. */
    private List<InetSocketAddress> bootstrapNodes() {
        int count = Math.min(bootstraps, alive.size());
        Set<InetSocketAddress> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            chosen.add(randomAlive().address());
        }
        return List.copyOf(chosen);
    }

    /** A running node chosen at random. */
    DhtNode randomAlive() {
        return alive.get(random.nextInt(alive.size()));
    }

    /** The running nodes; do not modify. */
    List<DhtNode> alive() {
        return alive;
    }

    /** The running node closest to {@code target}, by a scan of them all. */
    InfoHash closestAlive(InfoHash target) {
        InfoHash best = null;
        for (DhtNode n : alive) {
            if (best == null || target.compareDistance(n.id(), best) < 0) {
                best = n.id();
            }
        }
        return best;
    }

    /** Nodes started so far. */
    long joins() {
        return joins;
    }

    /** Nodes crashed so far. */
    long deaths() {
        return deaths;
    }
}
