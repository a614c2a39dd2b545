package io.rdht.core.udp;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.engine.EngineSettings;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An attacker on real UDP that speaks the documented protocol with a plain {@link DatagramSocket}
 * and none of a node's checks: it puts whatever values it is given, and answers the requests of
 * nodes as a node would, but with what it is told to serve: no contacts for a {@code find_node}
 * (so a node that bootstraps through it knows only it), and its chosen values and contacts for a
 * {@code get}. Its receive loop runs on one thread until {@link #close}.
 */
final class UdpAttacker implements AutoCloseable {

    private static final Duration REPLY_WAIT = Duration.ofSeconds(5);

    private final int networkId = EngineSettings.defaults().networkId();
    private final InfoHash id;
    private final DatagramSocket socket;
    private final WireCodec codec = new WireCodec();
    private final Fragmenter fragmenter = new Fragmenter(codec);
    // Only the receive thread touches the reassembler.
    private final Reassembler reassembler = new Reassembler();
    private final Map<Long, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final AtomicLong transactions = new AtomicLong(1);
    private final Thread receiver;
    private volatile List<Value> served = List.of();
    private volatile List<NodeInfo> contactsServed = List.of();

    private UdpAttacker(InfoHash id, DatagramSocket socket) {
        this.id = id;
        this.socket = socket;
        this.receiver = Thread.ofPlatform().daemon().name("udp-attacker").start(this::receiveLoop);
    }

    /** An attacker with node id {@code id} on {@code host} (a loopback address), port chosen by the system. */
    static UdpAttacker on(String host, InfoHash id) {
        try {
            return new UdpAttacker(id, new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where nodes reach the attacker. */
    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The attacker's address as {@code host:port}, for a node's bootstrap list. */
    String hostPort() {
        return address().getAddress().getHostAddress() + ":" + address().getPort();
    }

    /** From now on, answers every get with {@code values} and the contacts {@code closest}. */
    void serve(List<Value> values, List<NodeInfo> closest) {
        served = List.copyOf(values);
        contactsServed = List.copyOf(closest);
    }

    /** A ping to {@code node}, so that it takes the attacker into its routing table. */
    void introduceTo(InetSocketAddress node) {
        request(node, new Ping()).orElseThrow(() -> new AssertionError(node + " did not answer a ping"));
    }

    /** A write token from {@code to}, asked for with a get of {@code key}. */
    Token tokenFrom(InetSocketAddress to, InfoHash key) {
        Reply reply = request(to, GetValues.firstPage(key))
                .orElseThrow(() -> new AssertionError(to + " did not answer a get"));
        return ((ValuesFound) reply).token();
    }

    /** Gets a token from {@code to}, then puts {@code values} under {@code key}; the storer's reply. */
    Stored put(InetSocketAddress to, InfoHash key, List<Value> values) {
        Reply reply = request(to, new PutValues(key, tokenFrom(to, key), values))
                .orElseThrow(() -> new AssertionError(to + " did not answer a put"));
        if (reply instanceof Stored stored) {
            return stored;
        }
        throw new AssertionError(to + " answered a put with " + reply);
    }

    /** Sends {@code request} to {@code to}; its reply, or empty if none came within five seconds. */
    Optional<Reply> request(InetSocketAddress to, Request request) {
        long tx = transactions.getAndIncrement();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(tx, reply);
        send(to, new Envelope(networkId, tx, id, request));
        try {
            return Optional.of(reply.get(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + to, e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            pending.remove(tx);
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(REPLY_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(InetSocketAddress to, Envelope message) {
        for (byte[] datagram : fragmenter.split(message, transactions.getAndIncrement())) {
            try {
                socket.send(new DatagramPacket(datagram, datagram.length, to));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            onDatagram(Arrays.copyOf(packet.getData(), packet.getLength()), from);
        }
    }

    private void onDatagram(byte[] datagram, InetSocketAddress from) {
        Envelope envelope = decode(datagram);
        if (envelope.body() instanceof Fragment fragment) {
            Optional<byte[]> whole = reassembler.accept(from, fragment, System.currentTimeMillis());
            if (whole.isEmpty()) {
                return;
            }
            envelope = decode(whole.get());
        }
        long tx = envelope.transactionId();
        Body reply = switch (envelope.body()) {
            case Reply r -> {
                CompletableFuture<Reply> waiting = pending.get(tx);
                if (waiting != null) {
                    waiting.complete(r);
                }
                yield null;
            }
            case Ping p -> new Pong();
            case FindNode f -> new Nodes(List.of(), Token.of(new byte[] {1}));
            case GetValues g -> new ValuesFound(served, contactsServed, Token.of(new byte[] {1}), false);
            default -> null;
        };
        if (reply != null) {
            send(from, new Envelope(networkId, tx, id, reply));
        }
    }

    private Envelope decode(byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (MalformedMessageException e) {
            throw new AssertionError("a node sent a malformed message", e);
        }
    }
}
