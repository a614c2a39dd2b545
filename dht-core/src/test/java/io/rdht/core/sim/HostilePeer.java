package io.rdht.core.sim;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.transport.Endpoint;
import io.rdht.core.wire.Body;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.Fragment;
import io.rdht.core.wire.Fragmenter;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.MalformedMessageException;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Ping;
import io.rdht.core.wire.Pong;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Reassembler;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Request;
import io.rdht.core.wire.Stored;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.ValuesFound;
import io.rdht.core.wire.WireCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A peer on a {@link VirtualNetwork} that speaks the wire protocol by hand, with none of a node's
 * checks: it puts whatever values it is given, sends datagrams altered byte by byte, and answers
 * every get with the values it is told to serve.
 */
final class HostilePeer {

    private static final Duration REPLY_WAIT = Duration.ofSeconds(5);
    private static final Duration STEP = Duration.ofMillis(5);

    private final VirtualNetwork net;
    private final int networkId;
    private final InfoHash id;
    private final WireCodec codec = new WireCodec();
    private final Fragmenter fragmenter = new Fragmenter(codec);
    private final Reassembler reassembler = new Reassembler();
    private final Map<Long, Reply> replies = new HashMap<>();
    private List<Value> served = List.of();
    private Endpoint endpoint;
    private long nextTransaction = 1;

    private HostilePeer(VirtualNetwork net, int networkId, InfoHash id) {
        this.net = net;
        this.networkId = networkId;
        this.id = id;
    }

    /** A peer with node id {@code id}, bound to a new address of {@code net}. */
    static HostilePeer on(VirtualNetwork net, int networkId, InfoHash id) {
        HostilePeer peer = new HostilePeer(net, networkId, id);
        peer.endpoint = net.await(net.network().bind(new InetSocketAddress(0), peer::onDatagram), REPLY_WAIT);
        return peer;
    }

    /** From now on, answers every get with {@code values}. */
    void serve(List<Value> values) {
        served = List.copyOf(values);
    }

    /** Sends {@code node} a ping, so that it puts this peer in its routing table; waits for the pong. */
    void introduceTo(DhtNode node) {
        request(node.address(), new Ping()).orElseThrow(() -> new AssertionError(node + " did not answer a ping"));
    }

    /** Gets a write token from {@code to}, then puts {@code values} under {@code key}; the reply, if any came. */
    Optional<Reply> put(InetSocketAddress to, InfoHash key, List<Value> values) {
        return request(to, new PutValues(key, tokenFrom(to, key), values));
    }

    /** {@link #put} to {@code to}, expecting a {@link Stored} reply. */
    Stored putExpectingReply(InetSocketAddress to, InfoHash key, List<Value> values) {
        Reply reply = put(to, key, values).orElseThrow(() -> new AssertionError(to + " did not answer a put"));
        if (reply instanceof Stored stored) {
            return stored;
        }
        throw new AssertionError(to + " answered a put with " + reply);
    }

    /** A write token from {@code to}, asked for with a get of {@code key}. */
    Token tokenFrom(InetSocketAddress to, InfoHash key) {
        Reply reply = request(to, GetValues.firstPage(key))
                .orElseThrow(() -> new AssertionError(to + " did not answer a get"));
        return ((ValuesFound) reply).token();
    }

    /** The bytes of a message from this peer, to alter before {@link #sendRaw}. */
    byte[] encode(long transactionId, Body body) {
        return codec.encode(new Envelope(networkId, transactionId, id, body));
    }

    /** A transaction id not used yet. */
    long newTransactionId() {
        return nextTransaction++;
    }

    /** Sends {@code datagram} as it is; the reply to {@code transactionId}, if one came in time. */
    Optional<Reply> sendRaw(InetSocketAddress to, long transactionId, byte[] datagram) {
        endpoint.execute(() -> endpoint.send(to, datagram));
        return awaitReply(transactionId);
    }

    private Optional<Reply> request(InetSocketAddress to, Request request) {
        long tx = newTransactionId();
        List<byte[]> datagrams = fragmenter.split(new Envelope(networkId, tx, id, request), tx);
        endpoint.execute(() -> datagrams.forEach(d -> endpoint.send(to, d)));
        return awaitReply(tx);
    }

    private Optional<Reply> awaitReply(long transactionId) {
        Instant deadline = net.now().plus(REPLY_WAIT);
        while (!replies.containsKey(transactionId) && net.now().isBefore(deadline)) {
            net.advance(STEP);
        }
        return Optional.ofNullable(replies.remove(transactionId));
    }

    private void onDatagram(byte[] datagram, InetSocketAddress from) {
        Envelope envelope = decode(datagram);
        if (envelope != null && envelope.body() instanceof Fragment fragment) {
            envelope = reassembler
                    .accept(from, fragment, endpoint.nowMillis())
                    .map(this::decode)
                    .orElse(null);
        }
        if (envelope == null) {
            return;
        }
        switch (envelope.body()) {
            case Reply reply -> replies.put(envelope.transactionId(), reply);
            case Ping p -> answer(from, envelope, new Pong());
            case FindNode f -> answer(from, envelope, new Nodes(List.of(), Token.of(new byte[] {1})));
            case GetValues g ->
                answer(from, envelope, new ValuesFound(served, List.of(), Token.of(new byte[] {1}), false));
            default -> {}
        }
    }

    private void answer(InetSocketAddress to, Envelope request, Body reply) {
        fragmenter
                .split(new Envelope(networkId, request.transactionId(), id, reply), newTransactionId())
                .forEach(d -> endpoint.send(to, d));
    }

    private Envelope decode(byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (MalformedMessageException e) {
            throw new AssertionError("a node sent a malformed message", e);
        }
    }
}
