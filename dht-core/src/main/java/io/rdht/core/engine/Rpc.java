package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.routing.RoutingTable;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Request;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The requesting side of the protocol: gives each request a transaction id, re-sends it with
 * exponential backoff from the peer's adaptive timeout, pairs replies with requests, and feeds
 * round trips and failures to the routing table.
 *
 * <p>Threat-model note: a reply is accepted only from the address the request went to and, when
 * the peer's id is known, only with that id; transaction ids are random 64-bit numbers, so an
 * off-path sender cannot guess one. Anything else is counted and dropped.
 */
final class Rpc {

    private final EngineEnvironment env;
    private final Outbox outbox;
    private final RoutingTable routing;
    private final RandomGenerator random;
    private final NodeStats stats;
    private final int maxAttempts;
    private final Map<Long, Pending> pending = new HashMap<>();
    private Consumer<NodeInfo> liveness = node -> { };
    private boolean closed;

    Rpc(EngineEnvironment env, Outbox outbox, RoutingTable routing, RandomGenerator random, NodeStats stats,
        int maxAttempts) {
        this.env = env;
        this.outbox = outbox;
        this.routing = routing;
        this.random = random;
        this.stats = stats;
        this.maxAttempts = maxAttempts;
    }

    /** Sets what to do with a contact the routing table wants pinged before it is evicted. */
    void onPingNeeded(Consumer<NodeInfo> action) {
        this.liveness = action;
    }

    /** Sends {@code request} to a known node. */
    void send(NodeInfo to, Request request, RpcCallback callback) {
        start(to.address(), to.id(), request, callback);
    }

    /** Sends {@code request} to an address whose node id is not known yet (bootstrap). */
    void send(InetSocketAddress to, Request request, RpcCallback callback) {
        start(to, null, request, callback);
    }

    /** Pairs a reply with its request; returns false if no request waits for it. */
    boolean onReply(Envelope envelope, Reply reply, InetSocketAddress from) {
        Pending p = pending.get(envelope.transactionId());
        if (p == null || !p.to.equals(from) || (p.expectedId != null && !p.expectedId.equals(envelope.sender()))) {
            stats.unknownTransaction();
            return false;
        }
        pending.remove(envelope.transactionId());
        p.timer.cancel();
        NodeInfo node = new NodeInfo(envelope.sender(), from);
        long now = env.nowMillis();
        // Karn's rule forbids measuring a re-sent request, yet a reply that comes after a re-send is
        // most often the late answer to the first send, held up in a queue: the time since the first
        // send is then the round trip that matters, and taking it keeps a busy node from re-sending
        // everything at the idle round trip's pace.
        if (!envelope.readOnly()) {
            NodeInfo toPing = routing.onReply(node, now - p.firstSentAtMillis, now);
            if (toPing != null) {
                liveness.accept(toPing);
            }
        }
        p.callback.onReply(node, reply);
        return true;
    }

    /** Forgets every request in flight without calling back, and sends nothing more (the node is closing). */
    void close() {
        closed = true;
        pending.values().forEach(p -> p.timer.cancel());
        pending.clear();
    }

    /** Requests waiting for a reply. */
    int inFlight() {
        return pending.size();
    }

    private void start(InetSocketAddress to, InfoHash expectedId, Request request, RpcCallback callback) {
        if (closed) {
            return;
        }
        long tx = random.nextLong();
        while (pending.containsKey(tx)) {
            tx = random.nextLong();
        }
        Pending p = new Pending(tx, to, expectedId, outbox.datagrams(tx, request), callback);
        pending.put(tx, p);
        stats.requestSent();
        transmit(p);
    }

    private void transmit(Pending p) {
        p.attempts++;
        if (p.attempts == 1) {
            p.firstSentAtMillis = env.nowMillis();
        }
        long base = p.expectedId == null ? routing.networkTimeoutMillis() : routing.timeoutMillis(p.expectedId);
        long wait = base << (p.attempts - 1);
        // the timer is set before the send, so that no reply, however early, finds the request without one
        p.timer = env.schedule(wait, () -> onTimer(p));
        outbox.send(p.to, p.datagrams);
    }

    private void onTimer(Pending p) {
        if (pending.get(p.transactionId) != p) {
            return;
        }
        if (p.attempts < maxAttempts) {
            stats.retransmission();
            if (p.attempts == 1) {
                p.callback.onSlow();
            }
            transmit(p);
            return;
        }
        pending.remove(p.transactionId);
        stats.requestTimedOut();
        if (p.expectedId != null) {
            routing.onTimeout(p.expectedId, env.nowMillis());
        }
        p.callback.onTimeout();
    }

    private static final class Pending {
        final long transactionId;
        final InetSocketAddress to;
        final InfoHash expectedId;
        final List<byte[]> datagrams;
        final RpcCallback callback;
        int attempts;
        long firstSentAtMillis;
        EngineEnvironment.Timer timer;

        Pending(long transactionId, InetSocketAddress to, InfoHash expectedId, List<byte[]> datagrams,
                RpcCallback callback) {
            this.transactionId = transactionId;
            this.to = to;
            this.expectedId = expectedId;
            this.datagrams = datagrams;
            this.callback = callback;
        }
    }
}
