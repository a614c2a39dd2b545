package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Request;
import io.rdht.core.wire.Token;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The requesting side of the protocol: gives each send of a request a transaction id of its own,
 * re-sends it with exponential backoff from the peer's adaptive timeout, pairs replies with
 * requests, feeds round trips and failures to the routing table, and keeps the write tokens the
 * repliers hand out.
 *
 * <p>Implementation note: TCP cannot tell which send of a segment an acknowledgement answers, so
 * Karn's rule drops the sample after a re-send, and a timeout too short for a busy peer never
 * learns better. A fresh transaction id per send tells exactly which send a reply answers, so every
 * reply gives a true round trip: a late reply to the first send (a queue) raises the estimate, a
 * reply to the re-send after a loss does not.
 *
 * <p>Before the node has measured any round trip it cannot know how far a peer is: its first
 * requests start from the short {@link io.rdht.core.routing.RoutingSettings#initialTimeoutMillis}
 * and back off over {@link #EXTRA_PROBE_ATTEMPTS} more sends, so that a lost datagram on a fast
 * path costs a fraction of a second while a slow path still answers within seconds.
 *
 * <p>A re-send timer that runs later than twice its wait after the send finds the node itself
 * stalled (a collection, a starved CPU, a suspended machine): the answer may be on its way or, when
 * the peer shares the stall (nodes in one process, a starved host), not written yet. Such a timer
 * waits once more before it sends again. In {@code bin/bench}'s load phase, whose 32 nodes share
 * one heap and pause together for 50–115 ms at each young collection, this took re-sends per 1,000
 * puts from 61–74 to 35–38 (docs/BENCHMARKS.md, "Re-sends after a pause").
 *
 * <p>Threat-model note: a reply is accepted only from the address the request went to and, when
 * the peer's id is known, only with that id; transaction ids are random 64-bit numbers, so an
 * off-path sender cannot guess one. Anything else is counted and dropped.
 */
final class Rpc {

    /** Sends beyond {@code maxAttempts} for a request sent before any round trip was measured. */
    static final int EXTRA_PROBE_ATTEMPTS = 2;
    /** Sends of a request that has no other peer to go to (see {@link #sendPersistently}). */
    static final int PERSISTENT_ATTEMPTS = 12;
    /** Longest wait between two sends of such a request. */
    static final long PERSISTENT_MAX_WAIT_MILLIS = 5_000;

    /**
     * Added to each wait for the answer to a store of signed values: the storer verifies each
     * signature before it answers, which on a busy host takes longer than the round trips of the
     * cheap requests the peer's timeout was learnt from. Without it a signed put on 32 nodes in
     * one process was sent again about twice per put, each spurious copy verified again.
     */
    static final long SIGNED_STORE_ALLOWANCE_MILLIS = 10;

    /**
     * Copies of each send of a request to a bootstrap node: a join's first request is the one sent
     * before any round trip was measured, so its loss costs the long initial timeout.
     */
    static final int BOOTSTRAP_COPIES = 2;

    private final EngineEnvironment env;
    private final Outbox outbox;
    private final FamilyTables routing;
    private final RandomGenerator random;
    private final NodeStats stats;
    private final int maxAttempts;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final HeldTokens tokens;
    private Consumer<NodeInfo> liveness = node -> {};
    private boolean closed;

    Rpc(
            EngineEnvironment env,
            Outbox outbox,
            FamilyTables routing,
            RandomGenerator random,
            NodeStats stats,
            int maxAttempts,
            long tokenLifeMillis) {
        this.tokens = new HeldTokens(tokenLifeMillis);
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

    /**
     * Sends {@code request} to a known node that no other node can stand in for (a storer's push to
     * a listener), re-sending it {@value #PERSISTENT_ATTEMPTS} times with backoff from the peer's
     * adaptive timeout, at most {@value #PERSISTENT_MAX_WAIT_MILLIS} ms apart: 13 s in all on a fast
     * path (a lookup's request gives up after 7 timeouts, milliseconds on loopback, since it has
     * other nodes to ask), so that a peer paused for seconds (a collection, a starved CPU) still
     * gets it.
     */
    void sendPersistently(NodeInfo to, Request request, RpcCallback callback) {
        if (closed) {
            return;
        }
        stats.requestSent();
        transmit(new Pending(
                to.address(), to.id(), request, callback, PERSISTENT_ATTEMPTS, PERSISTENT_MAX_WAIT_MILLIS, 1));
    }

    /**
     * Sends {@code request} to an address whose node id is not known yet (a bootstrap node), each
     * time in {@link #BOOTSTRAP_COPIES} copies at once.
     */
    void send(InetSocketAddress to, Request request, RpcCallback callback) {
        start(to, null, request, callback);
    }

    /** Pairs a reply with its request, as it arrives now; returns false if no request waits for it. */
    boolean onReply(Envelope envelope, Reply reply, InetSocketAddress from) {
        return onReply(envelope, reply, from, env.nowMillis());
    }

    /**
     * Pairs a reply with its request; returns false if no request waits for it. The round trip runs
     * to {@code arrivedMillis}, when the datagram reached the node, so that the time this node took
     * to decode it (long in a JVM that has not run that code yet) is not taken for the network's.
     */
    boolean onReply(Envelope envelope, Reply reply, InetSocketAddress from, long arrivedMillis) {
        Pending p = pending.get(envelope.transactionId());
        if (p == null || !p.to.equals(from) || (p.expectedId != null && !p.expectedId.equals(envelope.sender()))) {
            stats.unknownTransaction();
            return false;
        }
        finish(p);
        NodeInfo node = new NodeInfo(envelope.sender(), from);
        long now = env.nowMillis();
        tokens.onReply(from, reply, now);
        if (!envelope.readOnly()) {
            // each send has a transaction id of its own, so this is the exact round trip of the send
            // answered: no ambiguity after a re-send (Karn's problem), no need to skip the sample
            long roundTrip = Math.max(0, arrivedMillis - p.sentAtMillis(envelope.transactionId()));
            NodeInfo toPing = routing.onReply(node, roundTrip, now);
            if (toPing != null) {
                liveness.accept(toPing);
            }
        }
        p.callback.onReply(node, reply);
        return true;
    }

    /**
     * The first page of {@code key}'s values to ask {@code node} for, with the write token it
     * handed this node lately, if any: a get that proves its address gets its whole reply at once
     * instead of one cut to the amplification bound and a second round trip.
     */
    GetValues firstPage(InfoHash key, NodeInfo node) {
        return new GetValues(key, tokenFrom(node), null);
    }

    /** The write token {@code node} handed this node within its life, or {@link Token#NONE}. */
    Token tokenFrom(NodeInfo node) {
        return tokens.tokenFrom(node.address(), env.nowMillis());
    }

    /** Forgets every request in flight without calling back, and sends nothing more (the node is closing). */
    void close() {
        closed = true;
        pending.values().forEach(p -> p.timer.cancel());
        pending.clear();
    }

    private void start(InetSocketAddress to, InfoHash expectedId, Request request, RpcCallback callback) {
        if (closed) {
            return;
        }
        stats.requestSent();
        int attempts = routing.hasRoundTrips() ? maxAttempts : maxAttempts + EXTRA_PROBE_ATTEMPTS;
        int copies = expectedId == null ? BOOTSTRAP_COPIES : 1;
        transmit(new Pending(to, expectedId, request, callback, attempts, Long.MAX_VALUE, copies));
    }

    /** Sends the request once more, under a new transaction id that its reply will name. */
    private void transmit(Pending p) {
        long tx = random.nextLong();
        while (pending.containsKey(tx)) {
            tx = random.nextLong();
        }
        p.sending(tx);
        pending.put(tx, p);
        long base = p.expectedId == null
                ? routing.networkTimeoutMillis(p.to)
                : routing.timeoutMillis(new NodeInfo(p.expectedId, p.to));
        // the timer is set before the send, so that no reply, however early, finds the request without one
        arm(p, Math.min(base << (p.attempts - 1), p.maxWaitMillis) + p.allowanceMillis);
        List<byte[]> datagrams = outbox.datagrams(tx, p.request);
        for (int i = 0; i < p.copies; i++) {
            outbox.send(p.to, datagrams);
        }
        // the round trip starts once the datagrams are out: encoding them is this node's time, not the network's
        p.sentAtMillis[p.attempts - 1] = env.nowMillis();
    }

    private static long processingAllowance(Request request) {
        return request instanceof PutValues put && put.values().stream().anyMatch(Value::isSigned)
                ? SIGNED_STORE_ALLOWANCE_MILLIS
                : 0;
    }

    private void arm(Pending p, long waitMillis) {
        p.waitMillis = waitMillis;
        p.dueAtMillis = env.nowMillis() + waitMillis;
        p.timer = env.schedule(waitMillis, () -> onTimer(p));
    }

    private void onTimer(Pending p) {
        if (p.finished) {
            return;
        }
        if (env.nowMillis() - p.dueAtMillis > p.waitMillis && !p.waitedOutStall) {
            p.waitedOutStall = true;
            arm(p, p.waitMillis);
            return;
        }
        p.waitedOutStall = false;
        if (p.attempts < p.transactionIds.length) {
            stats.retransmission();
            p.callback.onSlow();
            transmit(p);
            return;
        }
        finish(p);
        stats.requestTimedOut();
        if (p.expectedId != null) {
            routing.onTimeout(new NodeInfo(p.expectedId, p.to), p.sentAtMillis[0], env.nowMillis());
        }
        p.callback.onTimeout();
    }

    private void finish(Pending p) {
        p.finished = true;
        p.timer.cancel();
        for (int i = 0; i < p.attempts; i++) {
            pending.remove(p.transactionIds[i]);
        }
    }

    private static final class Pending {
        final InetSocketAddress to;
        final InfoHash expectedId;
        final Request request;
        final RpcCallback callback;
        final int copies;
        final long[] transactionIds;
        final long[] sentAtMillis;
        final long maxWaitMillis;
        /** Added to each wait: the time the peer takes to process this request beyond a cheap one's. */
        final long allowanceMillis;

        int attempts;
        boolean finished;
        EngineEnvironment.Timer timer;
        /** The current send's wait for an answer. */
        long waitMillis;
        /** When that wait ends, on the node's clock. */
        long dueAtMillis;
        /** Whether the current send's timer, run late by a stall, was set to wait once more. */
        boolean waitedOutStall;

        Pending(
                InetSocketAddress to,
                InfoHash expectedId,
                Request request,
                RpcCallback callback,
                int maxAttempts,
                long maxWaitMillis,
                int copies) {
            this.to = to;
            this.maxWaitMillis = maxWaitMillis;
            this.expectedId = expectedId;
            this.request = request;
            this.callback = callback;
            this.copies = copies;
            this.transactionIds = new long[maxAttempts];
            this.sentAtMillis = new long[maxAttempts];
            this.allowanceMillis = processingAllowance(request);
        }

        /** Takes {@code transactionId} for the next send; its time is set once the datagrams are out. */
        void sending(long transactionId) {
            transactionIds[attempts] = transactionId;
            attempts++;
        }

        long sentAtMillis(long transactionId) {
            for (int i = 0; i < attempts; i++) {
                if (transactionIds[i] == transactionId) {
                    return sentAtMillis[i];
                }
            }
            throw new IllegalStateException("transaction " + transactionId + " is not this request's");
        }
    }
}
