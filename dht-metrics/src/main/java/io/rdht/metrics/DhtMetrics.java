package io.rdht.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeObserver;
import io.rdht.core.ValueEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import reactor.core.publisher.Mono;

/**
 * A node's meters in a Micrometer registry. Pass it to the node's configuration, and the node
 * registers its meters when it starts and removes them when it closes:
 *
 * <pre>{@code
 * DhtMetrics metrics = new DhtMetrics(registry);
 * DhtNode node = DhtNode.create(DhtConfig.builder().observer(metrics).build()).start().block();
 * }</pre>
 *
 * <p>Meters (Prometheus names in brackets): every counter of {@link io.rdht.core.NodeCounters} as a counter
 * {@code rdht.<name>} ({@code rdht_datagrams_in_total}, ...); gauges of routing contacts per
 * address family, keys, values and bytes stored for others, listens held here and our own
 * ({@code rdht_routing_contacts{family}}, {@code rdht_storage_keys}, {@code rdht_storage_values},
 * {@code rdht_storage_bytes}, {@code rdht_listens_held}, {@code rdht_listens_ours}); latency
 * histograms of puts and gets by outcome ({@code rdht_put_seconds}, {@code rdht_get_seconds}) and
 * of put to listener ({@code rdht_listen_delivery_seconds}).
 *
 * <p>The gauges show a snapshot of the node taken on its thread: {@link #refresh()} takes one
 * (a scrape handler calls it first), and reading a gauge starts a new one in the background when
 * the last is older than {@link #STALE_AFTER}, so a registry read by other means is at most one
 * read behind.
 *
 * <p>Put to listener: for each value a subscriber receives ({@code Added} or {@code Updated})
 * that was created after the subscription began, the time from its creation (the putting node's
 * clock) to its delivery here (this registry's clock); values stored before the listen began are
 * not counted. Across hosts it includes their clock offset.
 *
 * <p>One instance observes one node.
 */
public final class DhtMetrics implements NodeObserver {

    /** How old the gauges' snapshot may be before reading a gauge takes a new one. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final Tags tags;
    private final Clock clock;
    private final Timer putsStored;
    private final Timer putsFailed;
    private final Timer getsDone;
    private final Timer getsFailed;
    private final Timer delivery;
    private final List<Meter> nodeMeters = new CopyOnWriteArrayList<>();
    private volatile DhtNode node;
    private volatile NodeGauges gauges = NodeGauges.EMPTY;
    private volatile long gaugesTakenMillis = Long.MIN_VALUE;

    /** Meters in {@code registry}, without extra tags. */
    public DhtMetrics(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /** Meters in {@code registry}, each with {@code tags} (e.g. a node name, for several nodes in one registry). */
    public DhtMetrics(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
        this.clock = registry.config().clock();
        this.putsStored = latency("rdht.put", "Time from put to the storers' replies", "stored");
        this.putsFailed = latency("rdht.put", "Time from put to the storers' replies", "failed");
        this.getsDone = latency("rdht.get", "Time from get to the end of its lookup", "done");
        this.getsFailed = latency("rdht.get", "Time from get to the end of its lookup", "failed");
        this.delivery = Timer.builder("rdht.listen.delivery")
                .description("Time from a value's creation to its delivery to a listen subscriber here")
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    @Override
    public void onStarted(DhtNode started) {
        node = started;
        for (String name : started.stats().byName().keySet()) {
            nodeMeters.add(FunctionCounter.builder(
                            "rdht." + name, started, n -> n.stats().get(name))
                    .description("Node counter " + name)
                    .tags(tags)
                    .register(registry));
        }
        gauge(
                "rdht.routing.contacts",
                "Contacts in the routing table",
                Tags.of("family", "ipv4"),
                g -> g.contactsIpv4());
        gauge(
                "rdht.routing.contacts",
                "Contacts in the routing table",
                Tags.of("family", "ipv6"),
                g -> g.contactsIpv6());
        gauge("rdht.storage.keys", "Keys stored for others", Tags.empty(), g -> g.keys());
        gauge("rdht.storage.values", "Values stored for others", Tags.empty(), g -> g.values());
        gauge("rdht.storage.bytes", "Bytes of data stored for others", Tags.empty(), g -> g.bytes());
        gauge("rdht.listens.held", "Listens other nodes hold on this node", Tags.empty(), g -> g.listensHeld());
        gauge("rdht.listens.ours", "Keys this node follows", Tags.empty(), g -> g.listensOurs());
    }

    @Override
    public void onClosed(DhtNode closed) {
        node = null;
        nodeMeters.forEach(registry::remove);
        nodeMeters.clear();
    }

    @Override
    public Operation putStarted() {
        long start = clock.monotonicTime();
        return ok -> (ok ? putsStored : putsFailed).record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
    }

    @Override
    public Operation getStarted() {
        long start = clock.monotonicTime();
        return ok -> (ok ? getsDone : getsFailed).record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
    }

    @Override
    public Consumer<ValueEvent> listenStarted(InfoHash key) {
        long since = clock.wallTime();
        return event -> {
            long created = event.value().created().toEpochMilli();
            if (!(event instanceof ValueEvent.Expired) && created >= since) {
                delivery.record(Math.max(0, clock.wallTime() - created), TimeUnit.MILLISECONDS);
            }
        };
    }

    /**
     * Takes a new snapshot of the node for the gauges; completes at once when the node has not
     * started or is closed.
     */
    public Mono<Void> refresh() {
        DhtNode n = node;
        if (n == null) {
            return Mono.empty();
        }
        return NodeGauges.of(n)
                .doOnNext(g -> {
                    gauges = g;
                    gaugesTakenMillis = clock.wallTime();
                })
                .onErrorComplete()
                .then();
    }

    private void gauge(String name, String description, Tags extra, ToDoubleFunction<NodeGauges> read) {
        nodeMeters.add(Gauge.builder(name, this, m -> read.applyAsDouble(m.currentGauges()))
                .description(description)
                .tags(tags)
                .tags(extra)
                .register(registry));
    }

    private NodeGauges currentGauges() {
        if (clock.wallTime() - gaugesTakenMillis > STALE_AFTER.toMillis()) {
            // a node that is closing fails the snapshot, which onErrorComplete ignores
            gaugesTakenMillis = clock.wallTime();
            refresh().subscribe();
        }
        return gauges;
    }

    private Timer latency(String name, String description, String outcome) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }
}
