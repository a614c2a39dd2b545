package io.rdht.core;

import io.rdht.core.engine.ListenCallback;
import io.rdht.core.engine.NodeEngine;
import io.rdht.core.engine.NodeStats;
import io.rdht.core.engine.PutCallback;
import io.rdht.core.transport.Endpoint;
import io.rdht.crypto.RecipientKey;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A node of the DHT: joins a network, stores values for others, and puts and gets values, as
 * Reactor streams.
 *
 * <pre>{@code
 * DhtNode node = DhtNode.create(DhtConfig.builder().bootstrap("127.0.0.1:4242").build())
 *         .start().block();
 * node.put(InfoHash.of("pollution_level"), Value.of("39")).block();
 * node.get(InfoHash.of("pollution_level")).doOnNext(System.out::println).blockLast();
 * node.close();
 * }</pre>
 *
 * <p>One thread owns the node's state; every call hops onto it, and every signal of the returned
 * streams is emitted on it. Do not block in those signals; move slow work elsewhere with
 * {@code publishOn}.
 */
public final class DhtNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DhtNode.class);

    private final DhtConfig config;
    private final OwnId.Source idSource;
    private volatile InfoHash id;
    private final RandomGenerator random;
    private final Mono<DhtNode> start;
    private volatile Endpoint endpoint;
    private volatile NodeEngine engine;
    private volatile boolean closed;

    private DhtNode(DhtConfig config) {
        this.config = config;
        this.random = config.randomSeed().isPresent()
                ? new SplittableRandom(config.randomSeed().getAsLong())
                : ownSecureRandom();
        Optional<InfoHash> saved = savedId(config);
        this.idSource = config.nodeId() != null
                ? OwnId.Source.CONFIGURED
                : saved.isPresent() ? OwnId.Source.SAVED : OwnId.Source.RANDOM;
        this.id = config.nodeId() != null ? config.nodeId() : saved.orElseGet(() -> InfoHash.random(random));
        this.start = Mono.defer(this::bindAndJoin).cache();
    }

    /**
     * A node with {@code config}; nothing happens until {@link #start()}.
     *
     * @param config its configuration
     * @return the node, not started
     */
    public static DhtNode create(DhtConfig config) {
        return new DhtNode(config);
    }

    /**
     * Binds the node's socket and joins the network through the bootstrap nodes. Completes when the
     * first join attempt has ended, or once the K live nodes closest to this node's id answered
     * its lookup of its own id (which goes on in the background): the node is then part of the
     * network, or alone and retrying in the background. Subscribing again returns the same outcome.
     *
     * @return this node, once started
     */
    public Mono<DhtNode> start() {
        return start;
    }

    /**
     * This node's id. Under id binding (a node setting: {@code rdht node --id-binding}) a saved or
     * random id that does not fit the bound address is replaced when {@link #start()} binds, by
     * one derived from that address.
     *
     * @return the id
     */
    public InfoHash id() {
        return id;
    }

    /**
     * The address this node is bound to; null before {@link #start()} completes.
     *
     * @return the bound address, or {@code null}
     */
    public InetSocketAddress address() {
        Endpoint e = endpoint;
        return e == null ? null : e.localAddress();
    }

    /**
     * Stores {@code value} under {@code key} on the K nodes closest to the key. When this node is
     * among the K closest it knows of, it stores the value at once, before its lookup, so that its
     * own listeners hear of the value without waiting for the network. Fails with
     * {@link DhtException.InvalidValue} for a value too large, with a TTL ≤ 0, or signed but not
     * verifying under {@code key},
     * {@link DhtException.NoReachableNodes} when no node answered, {@link DhtException.Rejected}
     * when every storer refused it, {@link DhtException.NodeClosed} on a closed node. Cancelling
     * the subscription stops its signal, not the put: the value may still be stored.
     *
     * @param key the key to store under
     * @param value the value
     * @return the nodes that stored it, when the put has ended
     */
    public Mono<PutResult> put(InfoHash key, Value value) {
        return observedPut(Mono.create(sink -> onNode(sink::error, e -> e.put(key, value, putCallback(sink)))));
    }

    /**
     * Signs {@code value} with this node's identity and stores it as {@link #put} does. The seq is
     * the value's own or, for an id this identity has published before, one above the highest seq
     * found on the network, whichever is higher; a value without an id gets a new one. Fails as
     * {@link #put} does, and with {@link DhtException.NoIdentity} on a node without an identity,
     * {@link DhtException.NotOwner} when the value carries another owner's key (another owner's
     * value under the same id on the network is another value: it does not stop this put), and
     * {@link DhtException.InvalidValue} for a value with a recipient (see {@link #putEncrypted}).
     *
     * @param key the key to store under
     * @param value the value to sign
     * @return the nodes that stored it, with the value as signed
     */
    public Mono<PutResult> putSigned(InfoHash key, Value value) {
        return observedPut(Mono.create(
                sink -> onNode(sink::error, e -> e.putSigned(key, value, null, putCallback(sink)))));
    }

    /**
     * Encrypts the data of {@code value} to {@code to}, so that only the holder of that identity
     * can read it, then signs and stores it as {@link #putSigned} does. The result holds the value
     * as stored, encrypted; a node with the recipient's identity gets it back decrypted from
     * {@link #get}, any other node as it is stored.
     *
     * @param key the key to store under
     * @param value the value whose data is encrypted
     * @param to the recipient's key
     * @return the nodes that stored it, with the value as stored
     */
    public Mono<PutResult> putEncrypted(InfoHash key, Value value, RecipientKey to) {
        Objects.requireNonNull(to, "to");
        return observedPut(Mono.create(
                sink -> onNode(sink::error, e -> e.putSigned(key, value, to, putCallback(sink)))));
    }

    /**
     * The values stored under {@code key}, here and on the nodes the lookup asks: the newest valid
     * copy of each value ({@link ValueIdentity}: id and owner, so another owner's value under the
     * same id is another value), each once, emitted when the lookup and its pages have ended so that
     * every storer's copy is compared first. Signed values are verified, and those sent to this
     * node's identity decrypted; expired or badly signed values are dropped and counted in
     * {@link #stats()}, never emitted. To follow changes as they happen, {@link #listen}. Completes
     * when the lookup ends; fails with {@link DhtException.NoReachableNodes} if nobody answered and nothing
     * was found, {@link DhtException.NodeClosed} on a closed node.
     *
     * <p>Backpressure: values are emitted only as the subscriber requests them, never ahead of its
     * demand. A slow subscriber loses nothing: the values the lookup found wait on the node (they are
     * held there anyway until the lookup ends) and each is emitted, on the node thread, once it is
     * requested; the stream completes after the last one. A subscriber that requests more after the
     * node has closed gets {@link DhtException.NodeClosed} instead of the values still waiting.
     *
     * @param key the key to read
     * @return each value found, once
     */
    public Flux<Value> get(InfoHash key) {
        Flux<Value> get = Flux.create(
                sink -> onNode(sink::error, e -> {
                    GetDelivery delivery = new GetDelivery(sink);
                    Runnable cancel = e.get(key, delivery);
                    sink.onRequest(n -> onNode(sink::error, node -> delivery.drain()));
                    sink.onCancel(() -> runOnNode(cancel));
                }),
                FluxSink.OverflowStrategy.ERROR);
        if (config.observer() == NodeObserver.NONE) {
            return get;
        }
        return Flux.defer(() -> {
            NodeObserver.Operation observed = config.observer().getStarted();
            return get.doOnComplete(() -> observed.ended(true)).doOnError(error -> observed.ended(false));
        });
    }

    /**
     * Looks {@code target} up: the K nodes closest to it that answered, and how many hops it took.
     * Nobody answering is no error: the result's {@code closest} is empty then. Fails with {@link
     * DhtException.NodeClosed} on a closed node, or when the node closes before the lookup ends.
     *
     * @param target the id to look up
     * @return the closest nodes that answered
     */
    public Mono<LookupResult> findNodes(InfoHash target) {
        return Mono.create(sink -> onNode(sink::error, e -> e.findNodes(target, sink::success, sink::error)));
    }

    /**
     * Follows {@code key}: the values already stored on the network first, as
     * {@link ValueEvent.Added}, then every change as it happens, each value once however many
     * storers push it: an edit (same id, higher seq) as {@link ValueEvent.Updated}, and
     * {@link ValueEvent.Expired} when its TTL has ended. Never completes on its own; disposing the
     * subscription ends it (the last subscriber of a key on this node cancels the remote listens).
     *
     * <p>Every edit reaches the subscriber, in order: storers push each one, re-sending it for
     * seconds until this node acknowledges it, and send a value's next edit only after its previous
     * one. An edit can be skipped only when no storer this listen follows could hand it on (this
     * node unreachable for longer than the re-sends, about 13 s on a fast path, or the storers gone); the listen's
     * refresh, every 40 s, then brings the value's newest version.
     *
     * <p>Backpressure: a subscriber may fall {@link DhtConfig#listenBuffer()} events behind; past
     * that its stream fails with {@link DhtException.ListenOverflow}, and neither the node nor other
     * subscribers slow down. The node drops the slow subscription at the first event too many; the
     * subscriber still gets the events buffered for it, as it requests them, then the error.
     *
     * @param key the key to follow
     * @return the values as they are now, then their changes
     */
    public Flux<ValueEvent> listen(InfoHash key) {
        int capacity = config.listenBuffer();
        Flux<ValueEvent> events = Flux.<ValueEvent>create(
                        sink -> onNode(sink::error, e -> {
                            Runnable unsubscribe = e.listen(key, new ListenCallback() {
                                @Override
                                public void onEvent(ValueEvent event) {
                                    sink.next(event);
                                }

                                @Override
                                public void onError(DhtException error) {
                                    sink.error(error);
                                }
                            });
                            sink.onDispose(() -> runOnNode(unsubscribe));
                        }),
                        FluxSink.OverflowStrategy.BUFFER)
                .onBackpressureBuffer(capacity, dropped -> {}, BufferOverflowStrategy.ERROR)
                .onErrorMap(Exceptions::isOverflow, overflow -> new DhtException.ListenOverflow(key, capacity));
        return config.observer() == NodeObserver.NONE
                ? events
                : Flux.defer(() -> events.doOnNext(config.observer().listenStarted(key)));
    }

    /**
     * Puts {@code value} and keeps it on the network until the subscription is disposed, putting it
     * again (unchanged but for its creation time) every half TTL, so that it never expires and its
     * listeners never see it go. A value that carries this node's identity as owner (signed or
     * not) is signed as {@link #putSigned} does, at a seq above the identity's latest for the id,
     * and signed anew for each renewal at that same seq: storers take a renewal as the same version
     * re-published, readers see no edit. Emits the result of each publication; a publication that
     * fails (no node answered, every storer refused) is no error: it is tried again after 1 s, then
     * after twice as long each time it fails again, at most half the TTL. Fails only on an invalid
     * value, a value of another owner ({@link DhtException.NotOwner}), a node without an identity
     * for a signed value, or a closed node.
     *
     * @param key the key to store under
     * @param value the value to keep on the network
     * @return the result of each publication, until disposed
     */
    public Flux<PutResult> announce(InfoHash key, Value value) {
        return Flux.create(
                sink -> onNode(sink::error, e -> {
                    Runnable stop = e.announce(key, value, new PutCallback() {
                        @Override
                        public void onStored(PutResult result) {
                            sink.next(result);
                        }

                        @Override
                        public void onError(DhtException error) {
                            sink.error(error);
                        }
                    });
                    sink.onDispose(() -> runOnNode(stop));
                }),
                FluxSink.OverflowStrategy.LATEST);
    }

    /**
     * This node's listens, taken on the node thread.
     *
     * @return a view of each listen
     */
    public Mono<List<ListenView>> listens() {
        return read(NodeEngine::listenViews);
    }

    /**
     * Listens other nodes hold on this node, taken on the node thread.
     *
     * @return each listen held here
     */
    public Mono<List<HeldListen>> listenersHere() {
        return read(NodeEngine::listenersHere);
    }

    /**
     * Joins the network through more nodes now; completes when the attempt has ended.
     *
     * @param nodes the nodes to join through
     * @return completion when the attempt has ended
     */
    public Mono<Void> bootstrap(List<InetSocketAddress> nodes) {
        return Mono.create((MonoSink<Void> sink) ->
                onNode(sink::error, e -> e.bootstrap(BootstrapAddresses.resolve(nodes), sink::success)));
    }

    /**
     * A copy of the routing table, taken on the node thread.
     *
     * @return the routing table's contacts
     */
    public Mono<RoutingSnapshot> routingTable() {
        return read(NodeEngine::routingSnapshot);
    }

    /**
     * A copy of what this node stores for the network, taken on the node thread.
     *
     * @return each key stored here, with its values
     */
    public Mono<List<KeySnapshot>> storage() {
        return read(NodeEngine::storageSnapshot);
    }

    /**
     * This node's counters of traffic and refusals at this moment; all zero before {@link #start()} completes.
     *
     * @return the counters by name
     */
    public NodeCounters stats() {
        NodeEngine e = engine;
        return new NodeCounters(
                e == null ? new NodeStats().snapshot() : e.stats().snapshot());
    }

    /**
     * Leaves the network gracefully, then closes the node: first hands every value it stores to
     * the live nodes that should hold it next (so none waits for a republish), then tells its
     * contacts it is leaving (so they drop it at once), all within {@code budget}; what it did is
     * in the report. {@link #shutdown()} instead stops at once, as a crash would look to others.
     *
     * @param budget the longest the handing over and farewells may take
     * @return what was handed over and to whom
     */
    public Mono<LeaveReport> leave(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        return Mono.<LeaveReport>create(sink -> onNode(sink::error, e -> e.leave(budget.toMillis(), sink::success)))
                .flatMap(report -> shutdown().thenReturn(report));
    }

    /**
     * Closes the node: fails its operations in flight, stops its upkeep and unbinds its socket.
     *
     * @return completion once the node is closed
     */
    public Mono<Void> shutdown() {
        return Mono.defer(() -> {
            Endpoint ep = endpoint;
            if (closed || ep == null) {
                closed = true;
                return Mono.empty();
            }
            closed = true;
            config.observer().onClosed(this);
            return Mono.<Void>create(sink -> ep.execute(() -> {
                        NodeEngine e = engine;
                        if (e != null) {
                            e.close();
                        }
                        sink.success();
                    }))
                    .then(ep.close());
        });
    }

    /** {@link #shutdown()}, waiting at most five seconds. */
    @Override
    public void close() {
        shutdown().block(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "DhtNode[" + id.shortHex() + "@" + address() + "]";
    }

    /**
     * A secure generator of this node's own: transaction ids must be unguessable, and the default
     * {@code SecureRandom} takes a JVM-wide lock that hundreds of nodes in one JVM contend for. It
     * is drawn from in blocks ({@link BufferedSecureRandom}).
     */
    private static RandomGenerator ownSecureRandom() {
        try {
            return new BufferedSecureRandom(SecureRandom.getInstance("DRBG"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK since 9 has the DRBG SecureRandom", e);
        }
    }

    private Mono<DhtNode> bindAndJoin() {
        if (closed) {
            return Mono.error(new DhtException.NodeClosed());
        }
        InetSocketAddress bindTo = new InetSocketAddress(
                config.bindAddress().getHostString(), config.bindAddress().getPort());
        Mono<Endpoint> bound = config.transport().bind(bindTo, this::onDatagram);
        if (DhtConfig.WILDCARD.equals(config.bindAddress().getHostString())) {
            // a host without IPv6 cannot open the dual-stack socket: serve IPv4 alone
            InetSocketAddress v4 = new InetSocketAddress("0.0.0.0", bindTo.getPort());
            bound = bound.onErrorResume(e -> !(e instanceof DhtException), e -> {
                log.info("cannot bind {} ({}); serving IPv4 only on {}", bindTo, e.toString(), v4);
                return config.transport().bind(v4, this::onDatagram);
            });
        }
        return bound.onErrorMap(e -> !(e instanceof DhtException), e -> new DhtException.StartFailed(bindTo, e))
                .flatMap(ep -> {
                    try {
                        id = OwnId.fitting(
                                id,
                                idSource,
                                ep.localAddress().getAddress(),
                                config.settings().routing().idBinding(),
                                random);
                    } catch (IllegalArgumentException e) {
                        return ep.close().then(Mono.error(new DhtException.StartFailed(ep.localAddress(), e)));
                    }
                    return join(ep);
                });
    }

    private Mono<DhtNode> join(Endpoint ep) {
        return Mono.create(sink -> {
            endpoint = ep;
            ep.execute(() -> {
                NodeEngine e = new NodeEngine(
                        id,
                        ep.localAddress(),
                        config.settings(),
                        new EndpointEnvironment(ep),
                        random,
                        config.identity());
                engine = e;
                log.info("node {} listening on {}", id.shortHex(), ep.localAddress());
                List<InetSocketAddress> join = BootstrapAddresses.resolve(config.bootstrap());
                if (config.stateStore() != null) {
                    join = withSavedContacts(join, e.keepState(config.stateStore()), ep.localAddress());
                }
                e.start(join, () -> {
                    config.observer().onStarted(this);
                    sink.success(this);
                });
            });
        });
    }

    private static Optional<InfoHash> savedId(DhtConfig config) {
        return config.stateStore() == null
                ? Optional.empty()
                : config.stateStore().saved().nodeId();
    }

    /** The bootstrap nodes, then the saved contacts: the way back in when the bootstrap nodes are gone. */
    private static List<InetSocketAddress> withSavedContacts(
            List<InetSocketAddress> bootstrap, List<InetSocketAddress> saved, InetSocketAddress self) {
        LinkedHashSet<InetSocketAddress> all = new LinkedHashSet<>(bootstrap);
        all.addAll(saved);
        all.remove(self);
        return List.copyOf(all);
    }

    private Mono<PutResult> observedPut(Mono<PutResult> put) {
        if (config.observer() == NodeObserver.NONE) {
            return put;
        }
        return Mono.defer(() -> {
            NodeObserver.Operation observed = config.observer().putStarted();
            return put.doOnSuccess(result -> observed.ended(true)).doOnError(error -> observed.ended(false));
        });
    }

    private static PutCallback putCallback(MonoSink<PutResult> sink) {
        return new PutCallback() {
            @Override
            public void onStored(PutResult result) {
                sink.success(result);
            }

            @Override
            public void onError(DhtException error) {
                sink.error(error);
            }
        };
    }

    private void onDatagram(byte[] datagram, InetSocketAddress from) {
        NodeEngine e = engine;
        if (e != null) {
            e.onDatagram(datagram, from);
        }
    }

    private void onNode(Consumer<Throwable> onError, Consumer<NodeEngine> action) {
        Endpoint ep = endpoint;
        if (closed || ep == null) {
            onError.accept(new DhtException.NodeClosed());
            return;
        }
        ep.execute(() -> {
            NodeEngine e = engine;
            if (closed || e == null) {
                onError.accept(new DhtException.NodeClosed());
            } else {
                action.accept(e);
            }
        });
    }

    private void runOnNode(Runnable task) {
        Endpoint ep = endpoint;
        if (ep != null) {
            ep.execute(task);
        }
    }

    private <T> Mono<T> read(Function<NodeEngine, T> reader) {
        return Mono.create(sink -> onNode(sink::error, e -> sink.success(reader.apply(e))));
    }
}
