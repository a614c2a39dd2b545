package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.wire.Ack;
import io.rdht.core.wire.Body;
import io.rdht.core.wire.CancelListen;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.ErrorCode;
import io.rdht.core.wire.ErrorReply;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.Fragment;
import io.rdht.core.wire.Fragmenter;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.Leaving;
import io.rdht.core.wire.Listen;
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
import io.rdht.core.wire.Update;
import io.rdht.core.wire.ValueVersion;
import io.rdht.core.wire.ValuesFound;
import io.rdht.core.wire.WireCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Remote nodes made of a few maps, for engine unit tests: they read what the engine under test
 * sends through a {@link FakeEnvironment}, answer after a delay as well-behaved Kademlia nodes do
 * (or as a test tells them), and keep every message they received for the test to inspect.
 */
final class FakePeers {

    /** One-way delay of every datagram between the engine and a peer, unless a peer says otherwise. */
    static final long DELAY_MILLIS = 5;
    /** Contacts a peer returns, as the engine's K. */
    private static final int K = 8;

    private final FakeEnvironment env;
    private final int networkId;
    private final BiConsumer<byte[], InetSocketAddress> engineInbound;
    private final WireCodec codec = new WireCodec();
    private final Fragmenter fragmenter = new Fragmenter(codec);
    private final Reassembler reassembler = new Reassembler();
    private final SplittableRandom random;
    private final Map<InetSocketAddress, Peer> byAddress = new LinkedHashMap<>();
    private int nextHost = 1;

    /**
     * Peers on network {@code networkId} that hear what {@code env} sends and deliver their
     * datagrams to {@code engineInbound} (usually {@code engine::onDatagram}).
     */
    FakePeers(FakeEnvironment env, int networkId, long seed, BiConsumer<byte[], InetSocketAddress> engineInbound) {
        this.env = env;
        this.networkId = networkId;
        this.engineInbound = engineInbound;
        this.random = new SplittableRandom(seed);
        env.onSend(this::fromEngine);
    }

    /** What a peer received from the engine. */
    record Received(Envelope envelope, long atMillis) {
        Body body() {
            return envelope.body();
        }
    }

    /** A fake remote node. */
    final class Peer {
        final InfoHash id;
        final InetSocketAddress address;
        final Token token;
        final List<Received> received = new ArrayList<>();
        final Map<InfoHash, Map<Long, Value>> stored = new HashMap<>();
        final Map<InfoHash, Set<Long>> listens = new HashMap<>();
        /** How the peer answers a request; null: it does not answer. Defaults to {@link #answer}. */
        Function<Request, Reply> behaviour = this::answer;
        /** Whether other peers hand this one out as a contact. */
        boolean known = true;

        long delayMillis = DELAY_MILLIS;

        Peer(InfoHash id, InetSocketAddress address) {
            this.id = id;
            this.address = address;
            byte[] t = new byte[16];
            random.nextBytes(t);
            this.token = Token.of(t);
        }

        NodeInfo info() {
            return new NodeInfo(id, address);
        }

        /** Stops answering anything, as a crashed node. */
        void crash() {
            behaviour = r -> null;
        }

        /** The requests of type {@code type} received, oldest first. */
        <T extends Request> List<T> requests(Class<T> type) {
            return received.stream()
                    .map(Received::body)
                    .filter(type::isInstance)
                    .map(type::cast)
                    .toList();
        }

        /** A well-behaved node: contacts, values, stores with a valid token, listens, acks. */
        Reply answer(Request request) {
            return switch (request) {
                case Ping p -> new Pong();
                case FindNode f -> new Nodes(closest(f.target(), this), token);
                case GetValues g ->
                    new ValuesFound(List.copyOf(valuesOf(g.key()).values()), closest(g.key(), this), token, false);
                case PutValues p -> {
                    if (!p.token().equals(token)) {
                        yield new ErrorReply(ErrorCode.BAD_TOKEN, "bad token");
                    }
                    List<Long> ids = new ArrayList<>();
                    p.values().forEach(v -> {
                        valuesOf(p.key()).put(v.id(), v);
                        ids.add(v.id());
                    });
                    yield new Stored(ids, List.of());
                }
                case Listen l -> {
                    listens.computeIfAbsent(l.key(), k -> new HashSet<>()).add(l.listenId());
                    Set<Long> known = new HashSet<>();
                    l.known().stream().map(ValueVersion::identity).forEach(i -> known.add(i.id()));
                    List<Value> missing = valuesOf(l.key()).values().stream()
                            .filter(v -> !known.contains(v.id()))
                            .toList();
                    yield new ValuesFound(missing, closest(l.key(), this), token, false);
                }
                case CancelListen c -> {
                    Set<Long> ids = listens.get(c.key());
                    if (ids != null) {
                        ids.remove(c.listenId());
                    }
                    yield new Ack();
                }
                case Update u -> new Ack();
                case Leaving l -> new Ack();
            };
        }

        Map<Long, Value> valuesOf(InfoHash key) {
            return stored.computeIfAbsent(key, k -> new LinkedHashMap<>());
        }

        /** Sends {@code request} to the engine now, under a fresh transaction id, which it returns. */
        long send(Request request) {
            long tx = random.nextLong();
            deliver(this, new Envelope(networkId, tx, id, request));
            return tx;
        }

        /** The engine's reply to transaction {@code tx}, if it came. */
        Optional<Reply> replyTo(long tx) {
            return received.stream()
                    .filter(r -> r.envelope.transactionId() == tx && r.body() instanceof Reply)
                    .map(r -> (Reply) r.body())
                    .findFirst();
        }
    }

    /** A new peer with id {@code id}, known to the others. */
    Peer add(InfoHash id) {
        int h = nextHost++;
        try {
            InetSocketAddress address = new InetSocketAddress(
                    InetAddress.getByAddress(new byte[] {127, 1, (byte) (h >>> 8), (byte) h}), 4000);
            Peer p = new Peer(id, address);
            byAddress.put(address, p);
            return p;
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code count} new peers with random ids. */
    List<Peer> add(int count) {
        List<Peer> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            added.add(add(InfoHash.random(random)));
        }
        return added;
    }

    /** Every peer. */
    List<Peer> all() {
        return List.copyOf(byAddress.values());
    }

    /** The peer at {@code address}. */
    Peer at(InetSocketAddress address) {
        return byAddress.get(address);
    }

    /** The known peers closest to {@code target}, closest first. */
    List<Peer> closestTo(InfoHash target, int count) {
        return byAddress.values().stream()
                .filter(p -> p.known)
                .sorted(Comparator.comparing(p -> p.id, target::compareDistance))
                .limit(count)
                .toList();
    }

    private List<NodeInfo> closest(InfoHash target, Peer asked) {
        return byAddress.values().stream()
                .filter(p -> p.known && p != asked)
                .sorted(Comparator.comparing(p -> p.id, target::compareDistance))
                .limit(K)
                .map(Peer::info)
                .toList();
    }

    private void fromEngine(InetSocketAddress to, byte[] datagram) {
        Peer peer = byAddress.get(to);
        if (peer == null) {
            return;
        }
        Envelope envelope = decode(datagram);
        if (envelope.body() instanceof Fragment f) {
            Optional<byte[]> whole = reassembler.accept(to, f, env.nowMillis());
            if (whole.isEmpty()) {
                return;
            }
            envelope = decode(whole.get());
        }
        peer.received.add(new Received(envelope, env.nowMillis()));
        if (envelope.body() instanceof Request request) {
            Reply reply = peer.behaviour.apply(request);
            if (reply != null) {
                Envelope answer = new Envelope(networkId, envelope.transactionId(), peer.id, reply);
                env.schedule(2 * peer.delayMillis, () -> deliver(peer, answer));
            }
        }
    }

    /** Hands {@code message} from {@code peer} to the engine, split into datagrams as the engine would. */
    void deliver(Peer peer, Envelope message) {
        for (byte[] d : fragmenter.split(message, random.nextLong())) {
            engineInbound.accept(d, peer.address);
        }
    }

    private Envelope decode(byte[] datagram) {
        try {
            return codec.decode(datagram);
        } catch (MalformedMessageException e) {
            throw new AssertionError("the engine sent a malformed datagram: " + e.getMessage(), e);
        }
    }
}
