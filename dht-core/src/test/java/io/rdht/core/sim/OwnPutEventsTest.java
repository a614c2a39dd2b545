package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * What a node's own listeners hear of its own puts: a node among the K closest to the key it knows
 * of stores the value at once, before its lookup, so that its listeners hear of it from its store
 * rather than a round trip later.
 */
class OwnPutEventsTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration LIMIT = Duration.ofSeconds(30);
    /** Less than the shortest round trip of {@link NetworkConditions#lan()} (two 1 ms hops). */
    private static final Duration BEFORE_ANY_REPLY = Duration.ofNanos(500_000);

    private final VirtualNetwork net =
            new VirtualNetwork(61, NetworkConditions.lan(), EngineSettings.defaults()).grow(12);

    @AfterEach
    void stop() {
        net.close();
    }

    private DhtNode ranked(int rank) {
        return net.nodes().stream()
                .sorted(Comparator.comparing(DhtNode::id, (a, b) -> KEY.compareDistance(a, b)))
                .toList()
                .get(rank);
    }

    @Test
    void aNodeAmongTheClosestHearsItsOwnPutBeforeAnyNodeCouldHaveAnswered() {
        DhtNode closest = ranked(0);
        List<ValueEvent> heard = new CopyOnWriteArrayList<>();
        Disposable listen = closest.listen(KEY).subscribe(heard::add);
        net.advance(SETTLE);
        AtomicReference<PutResult> result = new AtomicReference<>();

        closest.put(KEY, Value.builder().id(1).text("39").build()).subscribe(result::set);
        net.advance(BEFORE_ANY_REPLY);

        assertThat(heard).singleElement().isInstanceOf(ValueEvent.Added.class);
        assertThat(result.get()).as("the put itself, still looking the key up").isNull();
        net.runUntil(() -> result.get() != null, LIMIT);
        assertThat(result.get().storers())
                .as("storers")
                .hasSize(EngineSettings.defaults().lookup().k())
                .anySatisfy(n -> assertThat(n.id()).isEqualTo(closest.id()));
        assertThat(heard).as("the storers' pushes of the same value").hasSize(1);
        listen.dispose();
    }

    @Test
    void aNodeThatKnowsKCloserNodesLeavesTheValueToThem() {
        DhtNode farthest = ranked(net.nodes().size() - 1);
        List<ValueEvent> heard = new CopyOnWriteArrayList<>();
        Disposable listen = farthest.listen(KEY).subscribe(heard::add);
        net.advance(SETTLE);

        PutResult result =
                net.await(farthest.put(KEY, Value.builder().id(2).text("40").build()), LIMIT);

        assertThat(result.storers())
                .hasSize(EngineSettings.defaults().lookup().k())
                .noneSatisfy(n -> assertThat(n.id()).isEqualTo(farthest.id()));
        net.runUntil(() -> !heard.isEmpty(), LIMIT);
        assertThat(heard).as("pushed by the storers").singleElement().isInstanceOf(ValueEvent.Added.class);
        listen.dispose();
    }
}
