package io.rdht.core.sim;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.internal.InternalConfig;
import io.rdht.core.transport.InMemoryNetwork;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A whole network of real {@link DhtNode}s on an {@link InMemoryNetwork} under a
 * {@link VirtualTimeScheduler}: deterministic from its seed, and as fast as the CPU allows.
 */
public final class VirtualNetwork implements AutoCloseable {

    /** Virtual time starts here, so that creation times look like real ones. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
    private final InMemoryNetwork network;
    private final SplittableRandom random;
    private final EngineSettings settings;
    private final List<DhtNode> nodes = new ArrayList<>();
    private final List<DhtNode> alive = new ArrayList<>();

    /** An empty network. */
    public VirtualNetwork(long seed, NetworkConditions conditions, EngineSettings settings) {
        scheduler.advanceTimeTo(START);
        this.random = new SplittableRandom(seed);
        this.network = new InMemoryNetwork(scheduler, conditions, random.nextLong());
        this.settings = settings;
    }

    /** Starts {@code count} nodes, each joining through the first node of the network. */
    public VirtualNetwork grow(int count) {
        for (int i = 0; i < count; i++) {
            add(config -> config);
        }
        return this;
    }

    /** Starts one node, configured further by {@code configure} (e.g. with an identity), joining through the first. */
    public DhtNode add(UnaryOperator<DhtConfig.Builder> configure) {
        DhtConfig.Builder config = DhtConfig.builder().randomSeed(random.nextLong());
        InternalConfig.transport(config, network);
        InternalConfig.engineSettings(config, settings);
        if (!nodes.isEmpty()) {
            config.bootstrap(List.of(nodes.get(0).address()));
        }
        DhtNode node = await(DhtNode.create(configure.apply(config).build()).start(), Duration.ofMinutes(1));
        nodes.add(node);
        alive.add(node);
        return node;
    }

    /** Every node ever started, dead or alive. */
    public List<DhtNode> nodes() {
        return nodes;
    }

    /** The nodes still running. */
    public List<DhtNode> alive() {
        return alive;
    }

    /** A node chosen at random among those running. */
    public DhtNode randomAlive() {
        return alive.get(random.nextInt(alive.size()));
    }

    /** The scheduler that drives the network, for {@code StepVerifier.withVirtualTime}. */
    public VirtualTimeScheduler scheduler() {
        return scheduler;
    }

    /** The network, to change its conditions. */
    public InMemoryNetwork network() {
        return network;
    }

    /** The seeded randomness of this run. */
    public SplittableRandom random() {
        return random;
    }

    /** Stops {@code node} at once, as a crash would: it answers nothing from now on. */
    public void kill(DhtNode node) {
        if (alive.remove(node)) {
            await(node.shutdown(), Duration.ofSeconds(1));
        }
    }

    /** Lets {@code duration} of virtual time pass. */
    public void advance(Duration duration) {
        scheduler.advanceTimeBy(duration);
    }

    /** The current virtual time. */
    public Instant now() {
        return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
    }

    /** Subscribes and lets virtual time pass until {@code mono} ends, or fails after {@code limit}. */
    public <T> T await(Mono<T> mono, Duration limit) {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        boolean[] done = {false};
        mono.subscribe(
                value::set,
                e -> {
                    error.set(e);
                    done[0] = true;
                },
                () -> done[0] = true);
        runUntil(() -> done[0], limit);
        if (error.get() != null) {
            throw new AssertionError("operation failed: " + error.get(), error.get());
        }
        return value.get();
    }

    /** Lets virtual time pass in small steps until {@code condition} holds; fails after {@code limit}. */
    public void runUntil(BooleanSupplier condition, Duration limit) {
        long deadline = scheduler.now(TimeUnit.MILLISECONDS) + limit.toMillis();
        while (!condition.getAsBoolean()) {
            if (scheduler.now(TimeUnit.MILLISECONDS) >= deadline) {
                throw new AssertionError("still waiting after " + limit + " of virtual time");
            }
            scheduler.advanceTimeBy(Duration.ofMillis(5));
        }
    }

    @Override
    public void close() {
        for (DhtNode n : List.copyOf(alive)) {
            kill(n);
        }
        scheduler.dispose();
    }
}
