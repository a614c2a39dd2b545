package io.rdht.sim;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.transport.Endpoint;
import io.rdht.core.transport.Transport.DatagramReceiver;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.Fragment;
import io.rdht.core.wire.Fragmenter;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.Listen;
import io.rdht.core.wire.MalformedMessageException;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Reassembler;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Request;
import io.rdht.core.wire.Stored;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.ValuesFound;
import io.rdht.core.wire.WireCodec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * An attacker node's answers, at the datagram level: it stands between the network and a real
 * node (which joins, keeps its routing table and pings as any node does, so that honest nodes take
 * it in) and answers four requests itself, in rdht's wire format:
 *
 * <ul>
 *   <li>find_node: the attackers closest to the target, never an honest node (routing poisoning);
 *   <li>get: no value, and those attackers as the closest contacts;
 *   <li>put: "stored", every value acknowledged and every one dropped, so that the putter does not
 *       look further;
 *   <li>listen: accepted (no value, those attackers as contacts), and never served: no push follows.
 * </ul>
 *
 * Everything else (ping, replies to the node's own requests, cancel_listen, leaving) goes to the
 * real node. Requests that arrive in fragments are joined here; a fragmented reply would be dropped
 * and counted, but cannot occur: the node only sends find_node and ping (it stores and listens to
 * nothing), whose replies fit one datagram.
 */
final class HostileResponder implements DatagramReceiver {

    private static final WireCodec CODEC = new WireCodec();
    private static final Fragmenter FRAGMENTER = new Fragmenter(CODEC);

    private final DatagramReceiver node;
    private final InfoHash self;
    private final int networkId;
    private final int k;
    private final Coalition coalition;
    private final Token token;
    private final SplittableRandom random;
    private final Reassembler reassembler = new Reassembler();
    private Endpoint endpoint;
    private long answered;
    private long valuesDropped;
    private long droppedFragmentedReplies;

    HostileResponder(
            DatagramReceiver node, InfoHash self, int networkId, int k, Coalition coalition, SplittableRandom random) {
        this.node = node;
        this.self = self;
        this.networkId = networkId;
        this.k = k;
        this.coalition = coalition;
        this.random = random;
        byte[] secret = new byte[8];
        random.nextBytes(secret);
        this.token = Token.of(secret);
    }

    /** The endpoint replies leave from; set once it is bound, before any datagram arrives. */
    void bound(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void onDatagram(byte[] datagram, InetSocketAddress from) {
        Envelope envelope;
        try {
            envelope = CODEC.decode(datagram);
        } catch (MalformedMessageException e) {
            node.onDatagram(datagram, from); // the node counts and drops it
            return;
        }
        if (envelope.networkId() != networkId) {
            node.onDatagram(datagram, from);
            return;
        }
        if (envelope.body() instanceof Fragment fragment) {
            long now = endpoint.nowMillis();
            reassembler.expire(now);
            Optional<byte[]> whole = reassembler.accept(from, fragment, now);
            if (whole.isPresent()) {
                onWhole(whole.get(), from);
            }
            return;
        }
        if (!(envelope.body() instanceof Request request && answer(envelope, request, from))) {
            node.onDatagram(datagram, from);
        }
    }

    private void onWhole(byte[] message, InetSocketAddress from) {
        try {
            Envelope envelope = CODEC.decode(message);
            if (envelope.body() instanceof Request request) {
                if (!answer(envelope, request, from)) {
                    node.onDatagram(message, from);
                }
            } else if (envelope.body() instanceof Reply) {
                droppedFragmentedReplies++;
            }
        } catch (MalformedMessageException e) {
            // Joined pieces that make no message: an honest node would drop them as well.
        }
    }

    /** Answers {@code request} if it is one the attacker answers itself; false to pass it on. */
    private boolean answer(Envelope envelope, Request request, InetSocketAddress from) {
        Reply reply = switch (request) {
            case FindNode f -> new Nodes(poisoned(f.target(), envelope), token);
            case GetValues g -> new ValuesFound(List.of(), poisoned(g.key(), envelope), token, false);
            case PutValues p -> {
                valuesDropped += p.values().size();
                yield new Stored(p.values().stream().map(Value::id).toList(), List.of());
            }
            case Listen l -> new ValuesFound(List.of(), poisoned(l.key(), envelope), token, false);
            default -> null;
        };
        if (reply == null) {
            return false;
        }
        answered++;
        Envelope out = new Envelope(networkId, envelope.transactionId(), self, reply);
        for (byte[] datagram : FRAGMENTER.split(out, random.nextLong())) {
            endpoint.send(from, datagram);
        }
        return true;
    }

    private List<NodeInfo> poisoned(InfoHash target, Envelope request) {
        return coalition.closest(target, k, request.sender());
    }

    /** Requests answered by the attacker itself. */
    long answered() {
        return answered;
    }

    /** Values acknowledged and dropped. */
    long valuesDropped() {
        return valuesDropped;
    }

    /** Replies that came in fragments and were dropped (none expected, see the class comment). */
    long droppedFragmentedReplies() {
        return droppedFragmentedReplies;
    }
}
