package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Request;
import io.rdht.core.wire.Token;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One {@link NodeEngine} on a {@link FakeEnvironment}, among {@link FakePeers}: the whole engine,
 * driven datagram by datagram and millisecond by millisecond by the test.
 */
final class EngineFixture {

    /** 2026-01-01T00:00:00Z: the fake clock starts here so that creation times look real. */
    static final long START = 1_767_225_600_000L;

    static final InetSocketAddress ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4222);

    final FakeEnvironment env = new FakeEnvironment(START);
    final EngineSettings settings;
    final NodeEngine engine;
    final FakePeers peers;

    EngineFixture(InfoHash id, EngineSettings settings, long seed) {
        this.settings = settings;
        this.engine = new NodeEngine(id, ADDRESS, settings, env, new SplittableRandom(seed), null);
        this.peers = new FakePeers(env, settings.networkId(), seed + 1, (d, from) -> engine.onDatagram(d, from));
    }

    /** Starts the engine, joining through {@code bootstrap}, and lets {@code millis} pass. */
    void start(List<FakePeers.Peer> bootstrap, long millis) {
        engine.start(bootstrap.stream().map(p -> p.address).toList(), () -> {});
        env.advance(millis);
    }

    /** Sends {@code request} from {@code from}, runs what is due now, and returns the engine's reply if it came. */
    Optional<Reply> ask(FakePeers.Peer from, Request request) {
        long tx = from.send(request);
        env.runDue();
        return from.replyTo(tx);
    }

    /** The write token the engine gives {@code peer} for {@code key}, from its answer to a find_node. */
    Token tokenFor(FakePeers.Peer peer, InfoHash key) {
        return ((Nodes) ask(peer, new FindNode(key)).orElseThrow()).token();
    }

    /** Milliseconds since the start. */
    long elapsed() {
        return env.nowMillis() - START;
    }

    /** Puts {@code value} and lets {@code millis} pass; returns what the caller heard. */
    Recorded put(InfoHash key, Value value, long millis) {
        Recorded heard = new Recorded();
        engine.put(key, value, heard);
        env.advance(millis);
        return heard;
    }

    /** What one operation's caller heard. */
    static final class Recorded implements PutCallback, ListenCallback, GetCallback {
        final List<Object> signals = new ArrayList<>();

        @Override
        public void onStored(PutResult result) {
            signals.add(result);
        }

        @Override
        public void onEvent(ValueEvent event) {
            signals.add(event);
        }

        @Override
        public void onValue(Value value) {
            signals.add(value);
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }

        @Override
        public void onError(DhtException error) {
            signals.add(error);
        }

        /** The only signal, as {@code type}. */
        <S> S only(Class<S> type) {
            if (signals.size() != 1 || !type.isInstance(signals.get(0))) {
                throw new AssertionError("expected one " + type.getSimpleName() + ", heard " + signals);
            }
            return type.cast(signals.get(0));
        }
    }
}
