package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.routing.AddressFamily;
import io.rdht.core.routing.RoutingSettings;
import io.rdht.core.routing.RoutingTable;
import io.rdht.core.sign.ValueSigner;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.MalformedMessageException;
import io.rdht.core.wire.Ping;
import io.rdht.core.wire.Pong;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.WireCodec;
import io.rdht.crypto.Identity;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The requesting side without a network: re-sends, adaptive timeouts, pairing of replies, tokens. */
class RpcTest {

    private static final long START = 1_767_225_600_000L;
    private static final InfoHash SELF = InfoHash.of("rpc self");
    private static final EngineSettings SETTINGS = EngineSettings.defaults();
    private static final RoutingSettings ROUTING = SETTINGS.routing();

    private final FakeEnvironment env = new FakeEnvironment(START);
    private final NodeStats stats = new NodeStats();
    private final FamilyTables tables = new FamilyTables(SELF, Set.of(AddressFamily.V4), ROUTING, START);
    private final RoutingTable routing = tables.table(AddressFamily.V4);
    private final SplittableRandom random = new SplittableRandom(7);
    private final WireCodec codec = new WireCodec();
    private final Rpc rpc = new Rpc(
            env,
            new Outbox(env, codec, 0, false, SELF, random, stats),
            tables,
            random,
            stats,
            SETTINGS.maxAttempts(),
            SETTINGS.tokenRotationMillis());
    private final FakePeers peers = new FakePeers(env, 0, 3, this::toRpc);

    private void toRpc(byte[] datagram, InetSocketAddress from) {
        try {
            Envelope e = codec.decode(datagram);
            rpc.onReply(e, (Reply) e.body(), from);
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }

    /** What one request's caller heard, with the times. */
    private final class Recording implements RpcCallback {
        final List<Reply> replies = new ArrayList<>();
        final List<Long> slowAt = new ArrayList<>();
        final List<Long> timedOutAt = new ArrayList<>();

        @Override
        public void onReply(NodeInfo from, Reply reply) {
            replies.add(reply);
        }

        @Override
        public void onSlow() {
            slowAt.add(env.nowMillis() - START);
        }

        @Override
        public void onTimeout() {
            timedOutAt.add(env.nowMillis() - START);
        }
    }

    private List<Long> sendTimes(FakePeers.Peer peer) {
        return peer.received.stream().map(r -> r.atMillis() - START).toList();
    }

    private long count(String counter) {
        return stats.snapshot().get(counter);
    }

    @Test
    void firstRequestBeforeAnyRoundTripProbesFromTheInitialTimeoutWithTwoExtraSends() {
        FakePeers.Peer silent = peers.add(1).get(0);
        silent.crash();
        Recording heard = new Recording();

        rpc.send(silent.info(), new Ping(), heard);
        env.advance(60_000);

        long t = ROUTING.initialTimeoutMillis();
        assertThat(sendTimes(silent)).containsExactly(0L, t, 3 * t, 7 * t, 15 * t);
        assertThat(heard.slowAt).containsExactly(t, 3 * t, 7 * t, 15 * t);
        assertThat(heard.timedOutAt).containsExactly(31 * t);
        assertThat(heard.replies).isEmpty();
        assertThat(count("requests.retransmitted")).isEqualTo(4);
        assertThat(count("requests.timed_out")).isEqualTo(1);
    }

    @Test
    void requestToABootstrapAddressGoesOutInTwoCopiesAtEachSend() {
        FakePeers.Peer silent = peers.add(1).get(0);
        silent.crash();
        Recording heard = new Recording();

        rpc.send(silent.address, new FindNode(SELF), heard);
        env.advance(60_000);

        long t = ROUTING.initialTimeoutMillis();
        assertThat(sendTimes(silent)).containsExactly(0L, 0L, t, t, 3 * t, 3 * t, 7 * t, 7 * t, 15 * t, 15 * t);
        List<Long> transactions =
                silent.received.stream().map(r -> r.envelope().transactionId()).toList();
        for (int i = 0; i < transactions.size(); i += 2) {
            assertThat(transactions.get(i + 1))
                    .as("copy %d is of the same send", i / 2)
                    .isEqualTo(transactions.get(i));
        }
        assertThat(Set.copyOf(transactions))
                .as("each send has its own transaction")
                .hasSize(5);
        assertThat(heard.timedOutAt).containsExactly(31 * t);
        assertThat(count("requests.sent")).isEqualTo(1);
    }

    @Test
    void bootstrapRequestWhoseFirstCopyIsLostIsAnsweredWithoutWaitingForATimeout() {
        FakePeers.Peer bootstrap = peers.add(1).get(0);
        int[] seen = {0};
        bootstrap.behaviour = request -> ++seen[0] == 1 ? null : bootstrap.answer(request);
        Recording heard = new Recording();

        rpc.send(bootstrap.address, new FindNode(SELF), heard);
        env.advance(60_000);

        assertThat(heard.replies).hasSize(1);
        assertThat(heard.slowAt).as("no re-send").isEmpty();
        assertThat(count("requests.retransmitted")).isZero();
        // the round trip of the copy answered: 10 + 4 × 5
        assertThat(routing.timeoutMillis(bootstrap.id)).isEqualTo(30);
    }

    @Test
    void secondCopysReplyIsCountedAsAnsweringNoRequest() {
        FakePeers.Peer bootstrap = peers.add(1).get(0);
        Recording heard = new Recording();

        rpc.send(bootstrap.address, new FindNode(SELF), heard);
        env.advance(60_000);

        assertThat(heard.replies).hasSize(1);
        assertThat(count("dropped.unknown_transaction")).isEqualTo(1);
    }

    @Test
    void onceARoundTripIsMeasuredARequestIsSentMaxAttemptsTimesFromTheAdaptiveTimeout() {
        List<FakePeers.Peer> two = peers.add(2);
        Recording first = new Recording();
        rpc.send(two.get(0).info(), new Ping(), first);
        env.advance(1_000);
        assertThat(first.replies).containsExactly(new Pong());
        long base = routing.timeoutMillis(two.get(1).id);
        assertThat(base).as("timeout learnt from one 10 ms round trip").isLessThan(ROUTING.initialTimeoutMillis());

        FakePeers.Peer silent = two.get(1);
        silent.crash();
        Recording heard = new Recording();
        long t0 = env.nowMillis() - START;
        rpc.send(silent.info(), new Ping(), heard);
        env.advance(60_000);

        assertThat(sendTimes(silent)).containsExactly(t0, t0 + base, t0 + 3 * base);
        assertThat(heard.timedOutAt).containsExactly(t0 + 7 * base);
    }

    @Test
    void aStoreOfSignedValuesWaitsLongerBeforeEachReSendForTheStorersVerification() {
        List<FakePeers.Peer> two = peers.add(2);
        rpc.send(two.get(0).info(), new Ping(), new Recording());
        env.advance(1_000);
        long base = routing.timeoutMillis(two.get(1).id);
        long a = Rpc.SIGNED_STORE_ALLOWANCE_MILLIS;
        FakePeers.Peer silent = two.get(1);
        silent.crash();
        InfoHash key = InfoHash.of("reading");
        Value reading = Value.builder()
                .id(1)
                .text("39")
                .ttl(Duration.ofHours(1))
                .created(Instant.ofEpochMilli(START))
                .build();
        Value signed = ValueSigner.sign(key, reading, Identity.generate());

        long t0 = env.nowMillis() - START;
        Recording heard = new Recording();
        rpc.send(silent.info(), new PutValues(key, Token.NONE, List.of(signed)), heard);
        env.advance(60_000);

        assertThat(sendTimes(silent)).containsExactly(t0, t0 + base + a, t0 + 3 * base + 2 * a);
        assertThat(heard.timedOutAt).containsExactly(t0 + 7 * base + 3 * a);

        long t1 = env.nowMillis() - START;
        rpc.send(silent.info(), new PutValues(key, Token.NONE, List.of(Value.of("39"))), new Recording());
        env.advance(60_000);

        assertThat(sendTimes(silent).subList(3, 6))
                .as("an unsigned value is stored without a check: no allowance")
                .containsExactly(t1, t1 + base, t1 + 3 * base);
    }

    @Test
    void lateReplyToTheFirstSendIsTakenAndMeasuresTheWholeRoundTrip() {
        FakePeers.Peer slow = peers.add(1).get(0);
        slow.delayMillis = 200;
        Recording heard = new Recording();

        rpc.send(slow.info(), new Ping(), heard);
        env.advance(60_000);

        // sends at 0, 100 and 300 ms; the reply to the first arrives at 400 ms and ends the request
        assertThat(sendTimes(slow)).containsExactly(0L, 100L, 300L);
        assertThat(heard.replies).containsExactly(new Pong());
        assertThat(heard.timedOutAt).isEmpty();
        // one sample of 400 ms: smoothed 400 + 4 × 200 deviation, not the 100 ms a re-send's sample would give
        assertThat(routing.timeoutMillis(slow.id)).isEqualTo(1_200);
        assertThat(count("dropped.unknown_transaction"))
                .as("replies to the two re-sends")
                .isEqualTo(2);
    }

    @Test
    void replyToTheResendAfterALossMeasuresOnlyItsOwnRoundTrip() {
        FakePeers.Peer lossy = peers.add(1).get(0);
        int[] seen = {0};
        lossy.behaviour = request -> ++seen[0] == 1 ? null : lossy.answer(request);
        Recording heard = new Recording();

        rpc.send(lossy.info(), new Ping(), heard);
        env.advance(60_000);

        assertThat(heard.replies).containsExactly(new Pong());
        // one sample of 10 ms (not 110): 10 + 4 × 5
        assertThat(routing.timeoutMillis(lossy.id)).isEqualTo(30);
    }

    @Test
    void aReSendTimerRunLateByAStallWaitsOnceMoreForTheAnswerTheStallHeldUp() {
        long base = learnTimeoutFromOneRoundTrip();
        FakePeers.Peer held = peers.add(1).get(0);
        held.delayMillis = 60; // shares the stall: answers 120 ms after the request, 20 ms after the stall
        Recording heard = new Recording();

        long t0 = env.nowMillis() - START;
        rpc.send(held.info(), new Ping(), heard);
        env.stall(100);
        env.advance(60_000);

        assertThat(base).as("the timer was due during the stall").isLessThan(50);
        assertThat(sendTimes(held))
                .as("no re-send: the timer, %d ms late, waited %d ms more", 100 - base, base)
                .containsExactly(t0);
        assertThat(heard.replies).containsExactly(new Pong());
        assertThat(heard.slowAt).isEmpty();
        assertThat(count("requests.retransmitted")).isZero();
    }

    @Test
    void aStallPostponesOneReSendByOneWaitAndTheRestRunAsUsual() {
        long base = learnTimeoutFromOneRoundTrip();
        FakePeers.Peer silent = peers.add(1).get(0);
        silent.crash();
        Recording heard = new Recording();

        long t0 = env.nowMillis() - START;
        rpc.send(silent.info(), new Ping(), heard);
        env.stall(100);
        env.advance(60_000);

        long resent = t0 + 100 + base;
        assertThat(sendTimes(silent)).containsExactly(t0, resent, resent + 2 * base);
        assertThat(heard.timedOutAt).containsExactly(resent + 6 * base);
    }

    /** Measures one 10 ms round trip with a peer of its own and returns the timeout it gives a new one. */
    private long learnTimeoutFromOneRoundTrip() {
        rpc.send(peers.add(1).get(0).info(), new Ping(), new Recording());
        env.advance(1_000);
        return routing.networkTimeoutMillis();
    }

    @Test
    void roundTripEndsWhenTheReplyArrivedNotWhenItWasDecoded() throws MalformedMessageException {
        FakePeers.Peer target = peers.add(1).get(0);
        target.crash();
        Recording heard = new Recording();
        rpc.send(target.info(), new Ping(), heard);
        long tx = codec.decode(env.sent().get(0).datagram()).transactionId();

        // the reply reached the node 20 ms after the send, and a cold decoder took 70 ms more
        env.advance(90);
        assertThat(rpc.onReply(new Envelope(0, tx, target.id, new Pong()), new Pong(), target.address, START + 20))
                .isTrue();

        assertThat(heard.replies).containsExactly(new Pong());
        // one sample of 20 ms (not 90): 20 + 4 × 10
        assertThat(routing.timeoutMillis(target.id)).isEqualTo(60);
    }

    @Test
    void replyFromAnotherAddressOrAnotherIdIsDroppedAndCounted() throws MalformedMessageException {
        List<FakePeers.Peer> two = peers.add(2);
        FakePeers.Peer target = two.get(0);
        target.crash();
        Recording heard = new Recording();
        rpc.send(target.info(), new Ping(), heard);
        long tx = codec.decode(env.sent().get(0).datagram()).transactionId();

        boolean fromElsewhere = rpc.onReply(new Envelope(0, tx, target.id, new Pong()), new Pong(), two.get(1).address);
        boolean otherId = rpc.onReply(new Envelope(0, tx, two.get(1).id, new Pong()), new Pong(), target.address);
        boolean unknownTx = rpc.onReply(new Envelope(0, tx + 1, target.id, new Pong()), new Pong(), target.address);

        assertThat(List.of(fromElsewhere, otherId, unknownTx)).containsOnly(false);
        assertThat(heard.replies).isEmpty();
        assertThat(count("dropped.unknown_transaction")).isEqualTo(3);
        assertThat(rpc.onReply(new Envelope(0, tx, target.id, new Pong()), new Pong(), target.address))
                .isTrue();
        assertThat(heard.replies).containsExactly(new Pong());
    }

    @Test
    void replyAfterTheLastTimeoutIsUnknownAndTheCallerHeardTheTimeoutOnce() throws MalformedMessageException {
        FakePeers.Peer silent = peers.add(1).get(0);
        silent.crash();
        Recording heard = new Recording();
        rpc.send(silent.info(), new Ping(), heard);
        long tx = codec.decode(env.sent().get(0).datagram()).transactionId();
        env.advance(60_000);

        assertThat(rpc.onReply(new Envelope(0, tx, silent.id, new Pong()), new Pong(), silent.address))
                .isFalse();
        assertThat(heard.timedOutAt).hasSize(1);
        assertThat(heard.replies).isEmpty();
    }

    @Test
    void closingForgetsEveryRequestWithoutCallingBackAndSendsNothingMore() {
        FakePeers.Peer silent = peers.add(1).get(0);
        silent.crash();
        Recording heard = new Recording();
        rpc.send(silent.info(), new Ping(), heard);

        rpc.close();
        rpc.send(silent.info(), new Ping(), heard);
        env.advance(60_000);

        assertThat(env.sent()).hasSize(1);
        assertThat(heard.slowAt).isEmpty();
        assertThat(heard.timedOutAt).isEmpty();
    }

    @Test
    void writeTokenOfAFindNodeReplyIsHeldForOneRotationPeriod() {
        FakePeers.Peer peer = peers.add(1).get(0);
        assertThat(rpc.tokenFrom(peer.info())).isEqualTo(Token.NONE);

        rpc.send(peer.info(), new FindNode(InfoHash.of("anything")), RpcCallback.IGNORE);
        env.advance(1_000);
        assertThat(rpc.tokenFrom(peer.info())).isEqualTo(peer.token);
        assertThat(rpc.firstPage(InfoHash.of("k"), peer.info()).token()).isEqualTo(peer.token);

        env.advance(SETTINGS.tokenRotationMillis());
        assertThat(rpc.tokenFrom(peer.info())).isEqualTo(Token.NONE);
    }

    @Test
    void unansweredRequestsCountAgainstTheContactUntilTheRoutingTableDropsIt() {
        FakePeers.Peer peer = peers.add(1).get(0);
        rpc.send(peer.info(), new Ping(), RpcCallback.IGNORE);
        env.advance(1_000);
        assertThat(routing.contains(peer.id)).isTrue();

        peer.crash();
        for (int i = 0; i < ROUTING.maxFailures(); i++) {
            rpc.send(peer.info(), new Ping(), RpcCallback.IGNORE);
            env.advance(60_000);
        }

        assertThat(routing.contains(peer.id)).isFalse();
    }
}
