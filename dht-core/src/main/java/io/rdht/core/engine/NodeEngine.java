package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.HeldListen;
import io.rdht.core.InfoHash;
import io.rdht.core.KeySnapshot;
import io.rdht.core.LeaveReport;
import io.rdht.core.ListenView;
import io.rdht.core.LookupResult;
import io.rdht.core.NodeInfo;
import io.rdht.core.PutResult;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.Value;
import io.rdht.core.listen.ListenerRegistry;
import io.rdht.core.routing.AddressFamily;
import io.rdht.core.sign.SignatureVerifier;
import io.rdht.core.sign.ValueSigner;
import io.rdht.core.state.StateStore;
import io.rdht.core.storage.ExpiredValue;
import io.rdht.core.storage.Storage;
import io.rdht.core.storage.StoreOutcome;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.Fragment;
import io.rdht.core.wire.Fragmenter;
import io.rdht.core.wire.MalformedMessageException;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Request;
import io.rdht.core.wire.WireCodec;
import io.rdht.core.wire.WireLimits;
import io.rdht.crypto.Identity;
import io.rdht.crypto.RecipientKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's protocol engine: routing table, storage, requests in flight, operations and upkeep,
 * driven by datagrams and timers from its {@link EngineEnvironment}. Plain Java: no Reactor, no
 * threads, no clock reads. Not thread-safe: every call must come from the node thread.
 */
public final class NodeEngine {

    private static final Logger log = LoggerFactory.getLogger(NodeEngine.class);

    private final EngineSettings settings;
    private final EngineEnvironment env;
    private final RandomGenerator random;
    private final NodeStats stats = new NodeStats();
    private final WireCodec codec = new WireCodec();
    private final FragmentIntake fragments;
    private final RequestLimiter limiter;
    private final ReplyBound replyBound;
    private final Outbox outbox;
    private final EngineParts parts;
    private final RequestHandler handler;
    private final Maintenance maintenance;
    private final ValueExpiry expiry;
    private final ListenerRegistry listeners;
    private final ListenerPusher pusher;
    private final ListenService listens;
    private final InetSocketAddress localAddress;
    private final Identity identity;
    private final SignatureVerifier signatures = new SignatureVerifier();
    private final ReaderCheck readerCheck;
    private final Set<UserOperation> operations = new LinkedHashSet<>();
    private StateKeeper state;
    private boolean closed;

    /**
     * Creates the engine of node {@code id} bound to {@code localAddress}; nothing is sent until
     * {@link #start}. With an {@code identity} (or {@code null}) it signs and decrypts. Bound to
     * the IPv6 wildcard {@code ::} (a dual-stack socket) it serves IPv4 and IPv6, with a routing
     * table for each, and runs its lookups in both; otherwise the family of {@code localAddress}.
     */
    public NodeEngine(
            InfoHash id,
            InetSocketAddress localAddress,
            EngineSettings settings,
            EngineEnvironment env,
            RandomGenerator random,
            Identity identity) {
        this.localAddress = localAddress;
        this.identity = identity;
        this.settings = settings;
        this.env = env;
        this.random = random;
        long now = env.nowMillis();
        FamilyTables routing = new FamilyTables(id, AddressFamily.servedBy(localAddress), settings.routing(), now);
        Storage storage = new Storage(settings.storage());
        this.outbox = new Outbox(env, codec, settings.networkId(), settings.readOnly(), id, random, stats);
        outbox.bothFamilies(routing.dualStack());
        Rpc rpc = new Rpc(env, outbox, routing, random, stats, settings.maxAttempts(), settings.tokenRotationMillis());
        this.parts = new EngineParts(settings, env, id, routing, storage, rpc, stats);
        this.expiry = new ValueExpiry(env, storage, this::onExpired);
        this.readerCheck = new ReaderCheck(signatures, identity, env, stats);
        this.listeners = new ListenerRegistry(settings.listen().limits());
        this.pusher = new ListenerPusher(parts, listeners);
        this.listens = new ListenService(parts, random, readerCheck);
        this.fragments = new FragmentIntake(env, stats);
        this.limiter = new RequestLimiter(settings.rateLimits(), now);
        TokenIssuer tokens = new TokenIssuer(random, settings.tokenRotationMillis(), now);
        this.replyBound = new ReplyBound(tokens);
        this.handler = new RequestHandler(parts, tokens, this::onStored, listeners, listens, signatures);
        this.maintenance = new Maintenance(parts, random, () -> listeners.expire(env.nowMillis()));
        rpc.onPingNeeded(maintenance::ping);
    }

    /**
     * Keeps this node's state in {@code store}: saves its id, stores the saved values again (those
     * still valid) and from now on writes through to it, without waiting for the disk (the store
     * bounds how soon a change is durable). Call it once, before {@link #start}. Returns the
     * addresses of the saved contacts, to join through along with the bootstrap nodes.
     */
    public List<InetSocketAddress> keepState(StateStore store) {
        if (state != null) {
            throw new IllegalStateException("the node already keeps its state in a store");
        }
        state = new StateKeeper(parts, store, signatures);
        List<InetSocketAddress> contacts = state.restore();
        expiry.onStored();
        return contacts;
    }

    /** Joins the network through {@code bootstrap} (none: first node) and starts the upkeep. */
    public void start(List<InetSocketAddress> bootstrap, Runnable onReady) {
        maintenance.start(bootstrap, onReady);
    }

    /** Asks {@code nodes} for contacts now; {@code onDone} runs when the attempt ends. */
    public void bootstrap(List<InetSocketAddress> nodes, Runnable onDone) {
        if (closed) {
            onDone.run();
            return;
        }
        maintenance.bootstrapNow(nodes, onDone);
    }

    /** Handles one received datagram; anything malformed or unexpected is counted and dropped. */
    public void onDatagram(byte[] datagram, InetSocketAddress from) {
        if (closed) {
            return;
        }
        long arrivedMillis = env.nowMillis();
        stats.received(datagram.length);
        if (datagram.length > WireLimits.MAX_DATAGRAM) {
            stats.oversized();
            return;
        }
        Envelope envelope = decode(datagram, from);
        int messageBytes = datagram.length;
        if (envelope != null && envelope.body() instanceof Fragment fragment) {
            Optional<byte[]> whole = fragments.accept(from, fragment);
            envelope = whole.map(bytes -> decode(bytes, from)).orElse(null);
            messageBytes = whole.map(bytes -> bytes.length).orElse(0);
            if (envelope != null && envelope.body() instanceof Fragment) {
                stats.malformed();
                return;
            }
        }
        if (envelope != null) {
            dispatch(envelope, from, messageBytes, arrivedMillis);
        }
    }

    /** Finds the values of {@code key}; returns a handle that stops the delivery. */
    public Runnable get(InfoHash key, GetCallback callback) {
        if (closed) {
            callback.onError(new DhtException.NodeClosed());
            return () -> {};
        }
        GetOperation op = new GetOperation(key, parts.rpc(), readerCheck, callback, operations::remove);
        operations.add(op);
        op.start(parts.storage().values(key, env.nowMillis()), parts.newLookup(key));
        return op::cancel;
    }

    /** Looks {@code target} up and hands the K closest nodes that answered to {@code onResult}. */
    public void findNodes(InfoHash target, Consumer<LookupResult> onResult, Consumer<DhtException> onError) {
        if (closed) {
            onError.accept(new DhtException.NodeClosed());
            return;
        }
        FindNodesOperation op = new FindNodesOperation(onResult, onError, operations::remove);
        operations.add(op);
        op.start(parts.newLookup(target), parts.rpc(), settings.lookup().k());
    }

    /** Stores {@code value} on the K nodes closest to {@code key} (this one included if it is among them). */
    public void put(InfoHash key, Value value, PutCallback callback) {
        if (closed) {
            callback.onError(new DhtException.NodeClosed());
            return;
        }
        Optional<String> problem = ValueChecks.problemWith(value);
        if (problem.isPresent()) {
            callback.onError(new DhtException.InvalidValue(key, problem.get()));
            return;
        }
        Value stamped = ValueChecks.stamp(value, env.nowMillis(), random);
        Optional<String> badSignature = signatures.problemWith(key, stamped);
        if (badSignature.isPresent()) {
            callback.onError(new DhtException.InvalidValue(key, badSignature.get()));
            return;
        }
        UserPut put = new UserPut(key, stamped, parts, self(), this::onStored, callback, operations::remove);
        operations.add(put);
        put.storeEarly(parts.routing().closest(key, settings.lookup().k()));
        PutOperation op = new PutOperation(
                key, List.of(stamped), parts.rpc(), settings.lookup().k(), put);
        List<NodeInfo> known = parts.searches().closest(key, env.nowMillis());
        if (known.isEmpty()) {
            op.start(parts.newLookup(key));
        } else {
            // a key looked up lately: its closest nodes store at once, their pushes leave a lookup sooner
            stats.putWithoutLookup();
            op.startAt(known, () -> parts.newLookup(key), () -> parts.searches().forget(key));
        }
    }

    /**
     * Puts {@code value} now and again every half TTL until the returned action is run; each
     * successful publication is reported to {@code callback}. A value that carries an owner key
     * (signed or not yet) must be this node's identity's: it is signed as {@link #putSigned} does
     * (at a seq above the identity's latest for the id) and signed anew for each renewal.
     */
    public Runnable announce(InfoHash key, Value value, PutCallback callback) {
        if (closed) {
            callback.onError(new DhtException.NodeClosed());
            return () -> {};
        }
        if (value.owner() != null || value.signature() != null) {
            return announceSigned(key, value, callback);
        }
        Optional<String> problem = ValueChecks.problemWith(value);
        if (problem.isPresent()) {
            callback.onError(new DhtException.InvalidValue(key, problem.get()));
            return () -> {};
        }
        Announcement announcement =
                announcement(key, ValueChecks.stamp(value, env.nowMillis(), random), callback, copy -> copy);
        announcement.turn();
        return announcement::cancel;
    }

    private Runnable announceSigned(InfoHash key, Value value, PutCallback callback) {
        Optional<DhtException> refusal = SignedPut.refusal(key, value, identity, null);
        if (refusal.isPresent()) {
            callback.onError(refusal.get());
            return () -> {};
        }
        Value stamped = ValueChecks.stamp(SignedPut.unsigned(value), env.nowMillis(), random);
        Announcement announcement = announcement(key, stamped, callback, copy -> ValueSigner.sign(key, copy, identity));
        SignedPut first = new SignedPut(
                key, stamped, identity, null, signed -> announcement.turnAt(signed.seq()), new PutCallback() {
                    @Override
                    public void onStored(PutResult result) {
                        announcement.onPublished(result);
                    }

                    @Override
                    public void onError(DhtException error) {
                        announcement.fail(error);
                    }
                });
        if (value.id() == Value.UNASSIGNED_ID) {
            first.publish();
        } else {
            get(key, first);
        }
        return announcement::cancel;
    }

    /** An announcement of {@code stamped} under {@code key} whose copies {@code sign} prepares; not yet turned. */
    private Announcement announcement(InfoHash key, Value stamped, PutCallback callback, UnaryOperator<Value> sign) {
        Announcement[] announcement = new Announcement[1];
        announcement[0] = new Announcement(
                stamped,
                env,
                copy -> put(key, sign.apply(copy), new PutCallback() {
                    @Override
                    public void onStored(PutResult result) {
                        announcement[0].onPublished(result);
                    }

                    @Override
                    public void onError(DhtException error) {
                        announcement[0].onFailed(error);
                    }
                }),
                callback,
                operations::remove);
        operations.add(announcement[0]);
        return announcement[0];
    }

    /**
     * Follows {@code key}: the values already stored first, then every change, each value once;
     * returns the action that ends this subscription (the last one cancels the network listen).
     */
    public Runnable listen(InfoHash key, ListenCallback callback) {
        if (closed) {
            callback.onError(new DhtException.NodeClosed());
            return () -> {};
        }
        return listens.subscribe(key, callback);
    }

    /** This node's listens, for display. */
    public List<ListenView> listenViews() {
        return listens.views();
    }

    /** Listens other nodes hold on this node. */
    public List<HeldListen> listenersHere() {
        long now = env.nowMillis();
        return listeners.snapshot().stream()
                .map(r -> new HeldListen(
                        r.key(), r.listener(), r.listenId(), Duration.ofMillis(Math.max(0, r.expiresAtMillis() - now))))
                .toList();
    }

    /**
     * Signs {@code value} with this node's identity, with a seq above the identity's latest for the
     * value id on the network, and stores it as {@link #put} does; with a {@code recipient}, encrypts
     * the data to it first.
     */
    public void putSigned(InfoHash key, Value value, RecipientKey recipient, PutCallback callback) {
        if (closed) {
            callback.onError(new DhtException.NodeClosed());
            return;
        }
        Optional<DhtException> refusal = SignedPut.refusal(key, value, identity, recipient);
        if (refusal.isPresent()) {
            callback.onError(refusal.get());
            return;
        }
        Value stamped = ValueChecks.stamp(SignedPut.unsigned(value), env.nowMillis(), random);
        SignedPut op = new SignedPut(key, stamped, identity, recipient, signed -> put(key, signed, callback), callback);
        if (value.id() == Value.UNASSIGNED_ID) {
            op.publish();
        } else {
            get(key, op);
        }
    }

    /**
     * Leaves gracefully: hands every stored value to the live nodes that should hold it next, then
     * tells every contact this node is leaving; {@code onDone} hears what was done, at the latest
     * after {@code budgetMillis}. The node keeps serving meanwhile; {@link #close} it afterwards.
     */
    public void leave(long budgetMillis, Consumer<LeaveReport> onDone) {
        if (closed) {
            onDone.accept(new LeaveReport(0, 0, 0, 0, 0, Duration.ZERO, true));
            return;
        }
        new Departure(parts, onDone).start(budgetMillis);
    }

    /** Stops the upkeep and fails every operation in flight with {@link DhtException.NodeClosed}. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        maintenance.stop();
        expiry.stop();
        if (state != null) {
            state.stop();
        }
        fragments.close();
        for (UserOperation op : List.copyOf(operations)) {
            op.fail(new DhtException.NodeClosed());
        }
        listens.failAll(new DhtException.NodeClosed());
        parts.rpc().close();
    }

    /** This node as others see it, given the address it is bound to. */
    public NodeInfo self() {
        return new NodeInfo(parts.self(), localAddress);
    }

    /** Counters, readable from any thread. */
    public NodeStats stats() {
        return stats;
    }

    /** A copy of the routing table. */
    public RoutingSnapshot routingSnapshot() {
        return parts.routing().snapshot(env.nowMillis());
    }

    /** A copy of what this node stores. */
    public List<KeySnapshot> storageSnapshot() {
        return parts.storage().snapshot(env.nowMillis());
    }

    private void onStored(InfoHash key, StoreOutcome outcome) {
        expiry.onStored();
        if (state != null) {
            state.onStored(key, outcome);
        }
        pusher.onStored(key, outcome);
        switch (outcome) {
            case StoreOutcome.Added a -> listens.onLocalStore(key, a.value());
            case StoreOutcome.Updated u -> listens.onLocalStore(key, u.current());
            case StoreOutcome.Refreshed r -> listens.onLocalStore(key, r.value());
            case StoreOutcome.Refused r -> {}
        }
    }

    private void onExpired(List<ExpiredValue> expired) {
        if (state != null) {
            state.onExpired(expired);
        }
    }

    /**
     * Sends {@code reply}, cut down to the amplification bound unless the requester proved its
     * address; a reply within the bound is encoded once, for both the check and the send.
     */
    private void answer(Request request, Reply reply, InetSocketAddress to, long transactionId, int requestBytes) {
        Reply bounded = reply;
        byte[] encoded = outbox.encode(transactionId, reply);
        int budget = ReplyBound.FACTOR * requestBytes;
        if (Fragmenter.wireBytes(encoded.length) > budget && !replyBound.isProven(request, to, env.nowMillis())) {
            bounded = ReplyBound.fit(reply, budget, r -> outbox.wireBytes(transactionId, r));
            if (bounded == null) {
                stats.replyDroppedOverBound();
                return;
            }
            stats.replyBounded();
            encoded = outbox.encode(transactionId, bounded);
        }
        outbox.sendEncoded(to, transactionId, bounded, encoded);
    }

    private Envelope decode(byte[] bytes, InetSocketAddress from) {
        try {
            Envelope e = codec.decode(bytes);
            if (e.networkId() != settings.networkId()) {
                stats.otherNetwork();
                return null;
            }
            return e;
        } catch (MalformedMessageException e) {
            stats.malformed();
            log.debug("dropped a malformed datagram from {}: {}", from, e.getMessage());
            return null;
        }
    }

    private void dispatch(Envelope envelope, InetSocketAddress from, int messageBytes, long arrivedMillis) {
        if (envelope.sender().equals(parts.self())) {
            stats.fromSelf();
            return;
        }
        switch (envelope.body()) {
            case Request request -> {
                if (!limiter.allow(from, env.nowMillis())) {
                    stats.rateLimited();
                    return;
                }
                NodeInfo requester = new NodeInfo(envelope.sender(), from);
                NodeInfo toPing = envelope.readOnly() ? null : parts.routing().onRequest(requester, env.nowMillis());
                if (toPing != null) {
                    maintenance.ping(toPing);
                }
                Reply reply = handler.handle(request, requester, envelope.bothFamilies());
                if (reply != null) {
                    answer(request, reply, from, envelope.transactionId(), messageBytes);
                }
            }
            case Reply reply -> parts.rpc().onReply(envelope, reply, from, arrivedMillis);
            case Fragment f -> stats.malformed();
        }
    }
}
