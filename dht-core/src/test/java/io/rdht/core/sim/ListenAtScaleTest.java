package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * 1,000 nodes in virtual time, 100 subscribers on 100 nodes following one key: every put reaches
 * every subscriber exactly once, with and without 10% datagram loss, while the key's storers die
 * one after another; and once every subscriber is gone, no listen state is left anywhere.
 */
class ListenAtScaleTest {

    private static final int NODES = 1000;
    private static final int SUBSCRIBERS = 100;
    private static final int PUTS = 1000;

    @Test
    void everyPutReachesEverySubscriberExactlyOnceThroughLossAndStorerDeaths() {
        try (VirtualNetwork net = new VirtualNetwork(303, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(NODES);
            net.advance(Duration.ofSeconds(30));

            InfoHash clean = InfoHash.of("pollution_level");
            List<Subscriber> first = subscribe(net, clean);
            putMany(net, clean, PUTS, 0);
            net.advance(Duration.ofSeconds(5));
            assertExactlyOnce(first, PUTS, "without loss");

            net.network().conditions(NetworkConditions.lan().withLoss(0.10));
            InfoHash lossy = InfoHash.of("pollution_level/lossy");
            List<Subscriber> second = subscribe(net, lossy);
            putMany(net, lossy, PUTS, 0);
            net.advance(Duration.ofMinutes(2));
            assertExactlyOnce(second, PUTS, "with 10% of datagrams lost");
            net.network().conditions(NetworkConditions.lan());

            InfoHash churned = InfoHash.of("pollution_level/churn");
            List<Subscriber> third = subscribe(net, churned);
            int delivered = 0;
            for (int round = 0; round < 6; round++) {
                putMany(net, churned, 20, round * 20);
                delivered += 20;
                net.kill(closestAlive(net, churned));
                net.advance(Duration.ofSeconds(50));
            }
            net.advance(Duration.ofMinutes(1));
            assertExactlyOnce(third, delivered, "while the key's storers died one after another");

            List<Subscriber> all = new ArrayList<>(first);
            all.addAll(second);
            all.addAll(third);
            all.forEach(s -> s.subscription.dispose());
            net.advance(Duration.ofSeconds(5));
            int listensLeft = 0;
            int listenersLeft = 0;
            for (DhtNode n : net.alive()) {
                listensLeft += net.await(n.listens(), Duration.ofSeconds(1)).size();
                listenersLeft +=
                        net.await(n.listenersHere(), Duration.ofSeconds(1)).size();
            }
            assertThat(listensLeft).as("listens left on subscribers' nodes").isZero();
            assertThat(listenersLeft)
                    .as("listener registrations left on storers")
                    .isZero();
        }
    }

    private static List<Subscriber> subscribe(VirtualNetwork net, InfoHash key) {
        // the ten nodes closest to the key are left out: the churn phase kills some of them
        List<DhtNode> hosts = new ArrayList<>(net.alive());
        hosts.sort(Comparator.comparing(DhtNode::id, key::compareDistance));
        hosts = new ArrayList<>(hosts.subList(10, hosts.size()));
        Collections.shuffle(hosts, new Random(net.random().nextLong()));
        List<Subscriber> subscribers = new ArrayList<>();
        for (DhtNode host : hosts.subList(0, SUBSCRIBERS)) {
            Subscriber s = new Subscriber();
            s.subscription = host.listen(key).subscribe(s::onEvent, s::onError);
            subscribers.add(s);
        }
        net.advance(Duration.ofSeconds(2));
        return subscribers;
    }

    private static void putMany(VirtualNetwork net, InfoHash key, int count, int firstIndex) {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            Value v = Value.builder()
                    .text("reading-" + (firstIndex + i))
                    .contentType("application/json")
                    .ttl(Duration.ofHours(1))
                    .build();
            net.randomAlive().put(key, v).subscribe(r -> ok.incrementAndGet(), e -> failed.incrementAndGet());
        }
        net.runUntil(() -> ok.get() + failed.get() == count, Duration.ofMinutes(1));
        assertThat(ok.get()).as("puts confirmed").isEqualTo(count);
    }

    private static DhtNode closestAlive(VirtualNetwork net, InfoHash key) {
        return net.alive().stream()
                .min(Comparator.comparing(DhtNode::id, key::compareDistance))
                .orElseThrow();
    }

    private static void assertExactlyOnce(List<Subscriber> subscribers, int expected, String when) {
        for (Subscriber s : subscribers) {
            assertThat(s.added).as("values delivered to a subscriber %s", when).hasSize(expected);
            assertThat(s.added.values()).as("deliveries per value %s", when).containsOnly(1);
            assertThat(s.others).as("updates or expiries %s", when).isZero();
            assertThat(s.error).as("stream error %s", when).isNull();
        }
    }

    private static final class Subscriber {
        final Map<Long, Integer> added = new HashMap<>();
        int others;
        Throwable error;
        Disposable subscription;

        void onError(Throwable e) {
            error = e;
        }

        void onEvent(ValueEvent e) {
            if (e instanceof ValueEvent.Added a) {
                added.merge(a.value().id(), 1, Integer::sum);
            } else {
                others++;
            }
        }
    }
}
