package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.sign.ValueSigner;
import io.rdht.core.transport.NetworkConditions;
import io.rdht.crypto.Identity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** A signed value announced: signed anew for each renewal at one seq, kept alive, never an edit. */
class SignedAnnounceTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration TTL = Duration.ofMinutes(2);
    private static final Identity ALICE = Identity.generate();
    private static final Identity MALLORY = Identity.generate();

    private static VirtualNetwork network(long seed) {
        VirtualNetwork net = new VirtualNetwork(seed, NetworkConditions.lan(), EngineSettings.defaults()).grow(16);
        net.advance(Duration.ofSeconds(10));
        return net;
    }

    private static Value reading() {
        return Value.builder()
                .id(0x5e45)
                .text("{\"lvl_percent\":3}")
                .contentType("application/json")
                .ttl(TTL)
                .owner(ALICE.publicKey().toBytes())
                .build();
    }

    @Test
    void aSignedValueAnnouncedLivesOnAtOneSeqAcceptedByEveryStorerAndSeenAsOneValue() {
        try (VirtualNetwork net = network(21)) {
            DhtNode alice = net.add(config -> config.identity(ALICE));
            List<ValueEvent> events = new CopyOnWriteArrayList<>();
            Disposable listening = net.nodes().get(5).listen(KEY).subscribe(events::add);
            List<PutResult> publications = new CopyOnWriteArrayList<>();
            long refusedBefore = Counters.total(net, "refused.values");

            Disposable announcement = alice.announce(KEY, reading()).subscribe(publications::add);
            net.advance(TTL.multipliedBy(4));

            assertThat(publications).as("publications, one each half TTL").hasSizeGreaterThanOrEqualTo(8);
            long seq = publications.get(0).value().seq();
            assertThat(publications).allSatisfy(p -> {
                assertThat(p.value().seq()).isEqualTo(seq);
                assertThat(p.value().ownerKey()).isEqualTo(ALICE.publicKey());
                assertThat(p.storers()).isNotEmpty();
            });
            assertThat(publications).extracting(p -> p.value().created()).doesNotHaveDuplicates();
            assertThat(Counters.total(net, "refused.values"))
                    .as("renewals refused by storers")
                    .isEqualTo(refusedBefore);
            assertThat(net.await(net.nodes().get(9).get(KEY).collectList(), TTL))
                    .singleElement()
                    .satisfies(v -> {
                        assertThat(v.verified()).isTrue();
                        assertThat(v.seq()).isEqualTo(seq);
                    });
            assertThat(events).as("what a listener saw").singleElement().isInstanceOf(ValueEvent.Added.class);

            announcement.dispose();
            net.advance(TTL.plusSeconds(5));
            assertThat(events).last().isInstanceOf(ValueEvent.Expired.class);
            listening.dispose();
        }
    }

    @Test
    void aSecondAnnouncementOfTheSameIdEditsItWithAHigherSeq() {
        try (VirtualNetwork net = network(22)) {
            DhtNode alice = net.add(config -> config.identity(ALICE));
            List<PutResult> first = new CopyOnWriteArrayList<>();
            Disposable one = alice.announce(KEY, reading()).subscribe(first::add);
            net.advance(TTL);
            one.dispose();
            List<PutResult> second = new CopyOnWriteArrayList<>();

            Disposable two = alice.announce(
                            KEY,
                            ValueSigner.sign(
                                    KEY,
                                    reading().toBuilder()
                                            .text("{\"lvl_percent\":4}")
                                            .created(net.now())
                                            .build(),
                                    ALICE))
                    .subscribe(second::add);
            net.advance(Duration.ofSeconds(5));

            assertThat(second)
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.value().seq())
                            .isEqualTo(first.get(0).value().seq() + 1));
            two.dispose();
        }
    }

    @Test
    void announcingAValueOfAnotherOwnerFailsWithNotOwner() {
        try (VirtualNetwork net = network(23)) {
            DhtNode mallory = net.add(config -> config.identity(MALLORY));
            AtomicReference<Throwable> error = new AtomicReference<>();

            mallory.announce(KEY, reading()).subscribe(p -> {}, error::set);
            net.runUntil(() -> error.get() != null, Duration.ofSeconds(10));

            assertThat(error.get()).isInstanceOf(DhtException.NotOwner.class);
        }
    }
}
