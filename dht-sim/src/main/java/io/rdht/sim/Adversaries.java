package io.rdht.sim;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.internal.InternalConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The attacker nodes of a simulated network: each a real node behind a {@link HostileResponder},
 * with the id and address its {@link AttackerLayout} gives, joining through a random honest node
 * at a random instant of the join phase, and staying to the end (attackers do not churn). They are
 * not part of the {@link Population}: no probe uses them, and the truth lookups are judged by is
 * the honest nodes'.
 */
final class Adversaries {

    private final EventLoop loop;
    private final SimulatedInternet internet;
    private final EngineSettings settings;
    private final Population population;
    private final AttackerLayout layout;
    private final SplittableRandom random;
    private final Coalition coalition = new Coalition();
    private final List<HostileTransport> transports = new ArrayList<>();
    private final Set<InetSocketAddress> addresses = new HashSet<>();

    Adversaries(
            EventLoop loop,
            SimulatedInternet internet,
            EngineSettings settings,
            Population population,
            Attack.Kind kind,
            SplittableRandom random) {
        this.loop = loop;
        this.internet = internet;
        this.settings = settings;
        this.population = population;
        this.random = random;
        this.layout = new AttackerLayout(kind, random.split());
    }

    /** Starts {@code count} attackers, each at a random instant of the next {@code withinMillis}. */
    void scheduleJoins(int count, long withinMillis) {
        for (int i = 0; i < count; i++) {
            loop.schedule(this::startOne, random.nextLong(Math.max(1, withinMillis)), TimeUnit.MILLISECONDS);
        }
    }

    private void startOne() {
        NodeInfo attacker = layout.next();
        InfoHash id = attacker.id();
        InetSocketAddress address = attacker.address();
        HostileTransport transport = new HostileTransport(
                internet, id, settings.networkId(), settings.lookup().k(), coalition, random.split());
        DhtConfig.Builder config = DhtConfig.builder()
                .nodeId(id)
                .bindHost(address.getAddress().getHostAddress())
                .port(address.getPort())
                .randomSeed(random.nextLong());
        InternalConfig.transport(config, transport);
        InternalConfig.engineSettings(config, settings);
        if (!population.alive().isEmpty()) {
            config.bootstrap(List.of(population.randomAlive().address()));
        }
        DhtNode node = DhtNode.create(config.build());
        transports.add(transport);
        addresses.add(address);
        node.start().subscribe(n -> {}, e -> {
            throw new IllegalStateException("a simulated attacker failed to start", e);
        });
    }

    /** The attackers running. */
    List<NodeInfo> running() {
        return coalition.members();
    }

    /** Whether an attacker runs at {@code address}. */
    boolean isAt(InetSocketAddress address) {
        return addresses.contains(address);
    }

    /** Requests the attackers answered themselves (find_node, get, put, listen). */
    long answered() {
        return transports.stream()
                .map(HostileTransport::responder)
                .filter(r -> r != null)
                .mapToLong(HostileResponder::answered)
                .sum();
    }

    /** Values put to attackers, acknowledged and dropped. */
    long valuesDropped() {
        return transports.stream()
                .map(HostileTransport::responder)
                .filter(r -> r != null)
                .mapToLong(HostileResponder::valuesDropped)
                .sum();
    }
}
