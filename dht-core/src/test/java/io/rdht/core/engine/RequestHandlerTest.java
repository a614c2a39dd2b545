package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.listen.ListenLimits;
import io.rdht.core.sign.ValueSigner;
import io.rdht.core.wire.Ack;
import io.rdht.core.wire.CancelListen;
import io.rdht.core.wire.ErrorCode;
import io.rdht.core.wire.ErrorReply;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.Listen;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Ping;
import io.rdht.core.wire.Pong;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Stored;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.Update;
import io.rdht.core.wire.ValueVersion;
import io.rdht.core.wire.ValuesFound;
import io.rdht.crypto.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The serving side through the whole engine: write tokens, refusals, listens and rate limits. */
class RequestHandlerTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");

    private final EngineFixture node = new EngineFixture(InfoHash.of("serving node"), EngineSettings.defaults(), 1);

    private static Value value(long id) {
        return Value.builder()
                .id(id)
                .text("{\"lvl_percent\":" + id + "}")
                .ttl(Duration.ofMinutes(10))
                .created(Instant.ofEpochMilli(EngineFixture.START))
                .build();
    }

    @Test
    void putWithTheTokenOfAnEarlierReplyIsStoredAndServedBack() {
        FakePeers.Peer peer = node.peers.add(1).get(0);

        Reply reply = node.ask(peer, new PutValues(KEY, node.tokenFor(peer, KEY), List.of(value(1))))
                .orElseThrow();

        assertThat(reply).isEqualTo(new Stored(List.of(1L), List.of()));
        ValuesFound found = (ValuesFound)
                node.ask(peer, new GetValues(KEY, Token.NONE, null)).orElseThrow();
        assertThat(found.values()).containsExactly(value(1));
        assertThat(found.more()).isFalse();
    }

    @Test
    void putWithoutATokenOrWithAnotherAddressesTokenIsRefusedAndNothingIsStored() {
        List<FakePeers.Peer> two = node.peers.add(2);
        Token othersToken = node.tokenFor(two.get(1), KEY);

        Reply none = node.ask(two.get(0), new PutValues(KEY, Token.NONE, List.of(value(1))))
                .orElseThrow();
        Reply stolen = node.ask(two.get(0), new PutValues(KEY, othersToken, List.of(value(2))))
                .orElseThrow();

        assertThat(List.of(none, stolen))
                .allSatisfy(r -> assertThat(r)
                        .isInstanceOf(ErrorReply.class)
                        .extracting(e -> ((ErrorReply) e).code())
                        .isEqualTo(ErrorCode.BAD_TOKEN));
        assertThat(node.engine.storageSnapshot()).isEmpty();
        assertThat(node.engine.stats().snapshot().get("refused.bad_token")).isEqualTo(2);
    }

    @Test
    void tokenStaysValidThroughTheNextRotationAndNotTheOneAfter() {
        FakePeers.Peer peer = node.peers.add(1).get(0);
        Token token = node.tokenFor(peer, KEY);
        long rotation = node.settings.tokenRotationMillis();

        node.env.advance(rotation);
        assertThat(node.ask(peer, new PutValues(KEY, token, List.of(value(1)))).orElseThrow())
                .isInstanceOf(Stored.class);
        node.env.advance(rotation);
        assertThat(node.ask(peer, new PutValues(KEY, token, List.of(value(2)))).orElseThrow())
                .isInstanceOf(ErrorReply.class);
    }

    @Test
    void badlySignedValueIsRefusedWithItsReasonAndTheOthersOfThePutAreStored() {
        FakePeers.Peer peer = node.peers.add(1).get(0);
        Value forged =
                value(2).toBuilder().owner(new byte[32]).signature(new byte[64]).build();

        Stored reply = (Stored) node.ask(peer, new PutValues(KEY, node.tokenFor(peer, KEY), List.of(value(1), forged)))
                .orElseThrow();

        assertThat(reply.storedIds()).containsExactly(1L);
        assertThat(reply.rejections()).singleElement().satisfies(r -> {
            assertThat(r.valueId()).isEqualTo(2L);
            assertThat(r.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        });
    }

    @Test
    void findNodeNeverHandsTheRequesterItself() {
        List<FakePeers.Peer> peers = node.peers.add(5);
        peers.forEach(p -> node.ask(p, new Ping()));

        Nodes nodes =
                (Nodes) node.ask(peers.get(0), new FindNode(peers.get(0).id)).orElseThrow();

        assertThat(nodes.closest())
                .extracting(NodeInfo::id)
                .doesNotContain(peers.get(0).id)
                .containsExactlyInAnyOrder(
                        peers.subList(1, 5).stream().map(p -> p.id).toArray(InfoHash[]::new));
    }

    @Test
    void listenWithATokenIsRegisteredAndPushedEachNewValueUntilCancelled() {
        List<FakePeers.Peer> two = node.peers.add(2);
        FakePeers.Peer listener = two.get(0);
        FakePeers.Peer writer = two.get(1);

        Reply registered = node.ask(listener, new Listen(KEY, node.tokenFor(listener, KEY), 77, List.of(), null))
                .orElseThrow();
        assertThat(registered).isInstanceOf(ValuesFound.class);
        assertThat(node.engine.listenersHere())
                .singleElement()
                .satisfies(r -> assertThat(r.listenId()).isEqualTo(77));

        node.ask(writer, new PutValues(KEY, node.tokenFor(writer, KEY), List.of(value(1))));
        assertThat(listener.requests(Update.class)).containsExactly(new Update(KEY, 77, List.of(value(1))));

        assertThat(node.ask(listener, new CancelListen(KEY, 77)).orElseThrow()).isEqualTo(new Ack());
        assertThat(node.engine.listenersHere()).isEmpty();
        node.ask(writer, new PutValues(KEY, node.tokenFor(writer, KEY), List.of(value(2))));
        assertThat(listener.requests(Update.class)).hasSize(1);
    }

    @Test
    void listenAskingForDelayedPushesGetsTheChangesOfTheDelayInOnePushOnceItHasPassed() {
        List<FakePeers.Peer> three = node.peers.add(3);
        FakePeers.Peer prompt = three.get(0);
        FakePeers.Peer delayed = three.get(1);
        FakePeers.Peer writer = three.get(2);
        node.ask(prompt, new Listen(KEY, node.tokenFor(prompt, KEY), 1, List.of(), null, 0));
        node.ask(delayed, new Listen(KEY, node.tokenFor(delayed, KEY), 2, List.of(), null, 1_000));

        node.ask(writer, new PutValues(KEY, node.tokenFor(writer, KEY), List.of(value(1))));
        node.ask(writer, new PutValues(KEY, node.tokenFor(writer, KEY), List.of(value(2))));

        assertThat(prompt.requests(Update.class))
                .as("pushes at once, one in flight at a time")
                .containsExactly(new Update(KEY, 1, List.of(value(1))));
        assertThat(delayed.requests(Update.class)).as("pushes within the delay").isEmpty();
        node.env.advance(999);
        assertThat(delayed.requests(Update.class)).isEmpty();
        node.env.advance(1);
        assertThat(delayed.requests(Update.class)).containsExactly(new Update(KEY, 2, List.of(value(1), value(2))));
        assertThat(prompt.requests(Update.class))
                .containsExactly(new Update(KEY, 1, List.of(value(1))), new Update(KEY, 1, List.of(value(2))));
        assertThat(node.engine.stats().snapshot()).containsEntry("listen.pushes_sent", 3L);
    }

    @Test
    void signedValueIsStoredMarkedVerifiedSoThatThisNodesOwnListenAndGetsNeedNotVerifyItAgain() {
        FakePeers.Peer writer = node.peers.add(1).get(0);
        Value signed = ValueSigner.sign(KEY, value(1), Identity.generate());
        assertThat(signed.verified()).isFalse();

        node.ask(writer, new PutValues(KEY, node.tokenFor(writer, KEY), List.of(signed)));

        assertThat(node.engine.storageSnapshot())
                .singleElement()
                .satisfies(k -> assertThat(k.values())
                        .singleElement()
                        .satisfies(v -> assertThat(v.value().verified()).isTrue()));
    }

    @Test
    void listenAnswersOnlyWhatTheListenerLacks() {
        List<FakePeers.Peer> two = node.peers.add(2);
        FakePeers.Peer writer = two.get(1);
        node.ask(writer, new PutValues(KEY, node.tokenFor(writer, KEY), List.of(value(1), value(2))));
        FakePeers.Peer listener = two.get(0);

        ValuesFound found = (ValuesFound) node.ask(
                        listener,
                        new Listen(
                                KEY,
                                node.tokenFor(listener, KEY),
                                5,
                                List.of(new ValueVersion(value(1).identity(), 0, EngineFixture.START)),
                                null))
                .orElseThrow();

        assertThat(found.values()).containsExactly(value(2));
    }

    @Test
    void listenWithoutATokenOrOverTheSourceLimitIsRefused() {
        ListenLimits limits = new ListenLimits(1024, 2, 16_384, 120_000);
        EngineFixture strict = new EngineFixture(
                InfoHash.of("strict"), EngineSettings.defaults().withListen(new ListenSettings(4, 40_000, limits)), 2);
        FakePeers.Peer listener = strict.peers.add(1).get(0);
        long tx = listener.send(new FindNode(KEY));
        Token token = ((Nodes) listener.replyTo(tx).orElseThrow()).token();

        long noToken = listener.send(new Listen(KEY, Token.NONE, 1, List.of(), null));
        long first = listener.send(new Listen(KEY, token, 1, List.of(), null));
        long second = listener.send(new Listen(InfoHash.of("other"), token, 2, List.of(), null));
        long third = listener.send(new Listen(InfoHash.of("third"), token, 3, List.of(), null));
        long refreshOfFirst = listener.send(new Listen(KEY, token, 1, List.of(), null));

        assertThat(((ErrorReply) listener.replyTo(noToken).orElseThrow()).code())
                .isEqualTo(ErrorCode.BAD_TOKEN);
        assertThat(listener.replyTo(first).orElseThrow()).isInstanceOf(ValuesFound.class);
        assertThat(listener.replyTo(second).orElseThrow()).isInstanceOf(ValuesFound.class);
        ErrorReply over = (ErrorReply) listener.replyTo(third).orElseThrow();
        assertThat(over.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(over.text()).contains("most listens");
        assertThat(listener.replyTo(refreshOfFirst).orElseThrow())
                .as("a refresh is no new listen")
                .isInstanceOf(ValuesFound.class);
    }

    @Test
    void listenNotRefreshedIsForgottenByTheUpkeep() {
        node.start(List.of(), 0);
        FakePeers.Peer listener = node.peers.add(1).get(0);
        node.ask(listener, new Listen(KEY, node.tokenFor(listener, KEY), 9, List.of(), null));
        long registration = node.settings.listen().limits().registrationMillis();

        node.env.advance(registration - 1);
        assertThat(node.engine.listenersHere()).hasSize(1);
        node.env.advance(node.settings.maintenanceMillis() + 1);
        assertThat(node.engine.listenersHere()).isEmpty();
    }

    @Test
    void pushNobodyExpectedIsDroppedUnansweredAndCounted() {
        FakePeers.Peer stranger = node.peers.add(1).get(0);

        assertThat(node.ask(stranger, new Update(KEY, 3, List.of(value(1))))).isEmpty();
        assertThat(node.engine.stats().pushesDropped()).isEqualTo(1);
    }

    @Test
    void requestsOverASourcesBudgetAreDroppedUnansweredUntilItRefills() {
        EngineFixture limited = new EngineFixture(
                InfoHash.of("limited"), EngineSettings.defaults().withRateLimits(new RateLimits(10, 100, true)), 3);
        List<FakePeers.Peer> two = limited.peers.add(2);
        FakePeers.Peer flooder = two.get(0);

        List<Long> txs = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            txs.add(flooder.send(new Ping()));
        }
        long other = two.get(1).send(new Ping());

        assertThat(txs.stream().filter(tx -> flooder.replyTo(tx).isPresent()).count())
                .isEqualTo(10);
        assertThat(two.get(1).replyTo(other)).contains(new Pong());
        assertThat(limited.engine.stats().requestsRateLimited()).isEqualTo(5);
        limited.env.advance(1_000);
        long later = flooder.send(new Ping());
        assertThat(flooder.replyTo(later)).contains(new Pong());
    }
}
