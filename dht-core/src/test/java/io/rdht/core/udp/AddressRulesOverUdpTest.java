package io.rdht.core.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.PutResult;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.Value;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.internal.InternalConfig;
import io.rdht.core.routing.IdBinding;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Real UDP on several loopback addresses (Linux binds all of 127.0.0.0/8 to lo), with the address
 * rules on for local addresses: ids bound to addresses (BEP 42) and at most two storers per /24.
 * Honest nodes sit two to a /24 on 127.0.1.x … 127.0.8.x.
 */
class AddressRulesOverUdpTest {

    private static final EngineSettings RULES =
            EngineSettings.defaults().withIdBinding(true, true).withPrefixDiversity(2, true);
    private static final Duration START = Duration.ofSeconds(10);
    /**
     * Storers of a put: the K closest, or K + 1 when the putter stored a copy at once, as one of the
     * K closest it knew of, and its lookup then found K closer nodes (UserPut.storeEarly).
     */
    private static final int K = 8;

    private final SplittableRandom random = new SplittableRandom(13);
    private final List<DhtNode> nodes = new ArrayList<>();
    private final List<DhtNode> honest = new ArrayList<>();
    private String bootstrap;

    @AfterEach
    void stopAll() {
        Flux.fromIterable(nodes).flatMap(DhtNode::shutdown).blockLast(Duration.ofSeconds(10));
    }

    private DhtNode start(String ip, DhtConfig.Builder config) {
        if (bootstrap != null) {
            config.bootstrap(bootstrap);
        }
        DhtNode n = DhtNode.create(config.bindHost(ip)
                        .port(0)
                        .randomSeed(random.nextLong())
                        .build())
                .start()
                .block(START);
        nodes.add(n);
        if (bootstrap == null) {
            bootstrap = ip + ":" + n.address().getPort();
        }
        return n;
    }

    private void startHonestNetwork() {
        for (int block = 1; block <= 8; block++) {
            for (int host = 2; host <= 3; host++) {
                honest.add(start(
                        "127.0." + block + "." + host, InternalConfig.engineSettings(DhtConfig.builder(), RULES)));
            }
        }
    }

    private static InetAddress ip(String literal) {
        return new InetSocketAddress(literal, 0).getAddress();
    }

    private static boolean fits(NodeInfo n) {
        return IdBinding.fits(n.id(), n.address().getAddress());
    }

    private static List<InfoHash> contacts(DhtNode n) {
        RoutingSnapshot table = n.routingTable().block(START);
        List<InfoHash> ids = new ArrayList<>();
        table.buckets().forEach(b -> b.contacts().forEach(c -> ids.add(c.node().id())));
        return ids;
    }

    @Test
    void nodesDeriveIdsThatFitTheirAddressesJoinAndStore() {
        startHonestNetwork();
        for (DhtNode n : honest) {
            assertThat(IdBinding.fits(n.id(), n.address().getAddress()))
                    .as("%s derived an id fitting its address", n)
                    .isTrue();
        }
        PutResult put = honest.get(3).put(InfoHash.of("bound"), Value.of("39")).block(START);
        assertThat(put.storers()).hasSizeBetween(K, K + 1).allMatch(AddressRulesOverUdpTest::fits);
        assertThat(honest.get(12).get(InfoHash.of("bound")).collectList().block(START))
                .extracting(Value::dataAsText)
                .containsExactly("39");
    }

    @Test
    void aNodeWithAChosenIdThatDoesNotFitItsAddressIsNeitherAContactNorAStorer() {
        startHonestNetwork();
        InfoHash key = InfoHash.of("pollution_level");
        InfoHash nextToKey = key.randomWithPrefix(48, random);
        // the attacker ignores the rule itself: it only wants to be the closest node to the key
        DhtNode attacker = start(
                "127.0.9.2",
                InternalConfig.engineSettings(DhtConfig.builder(), EngineSettings.defaults())
                        .nodeId(nextToKey));
        assertThat(attacker.id()).isEqualTo(nextToKey);
        assertThat(attacker.findNodes(key).block(START).closest()).isNotEmpty();

        PutResult put = honest.get(5).put(key, Value.of("41")).block(START);
        assertThat(put.storers())
                .hasSizeBetween(K, K + 1)
                .extracting(NodeInfo::id)
                .doesNotContain(nextToKey);
        for (DhtNode n : honest) {
            assertThat(contacts(n)).as("%s's routing table", n).doesNotContain(nextToKey);
        }
    }

    @Test
    void manyNodesOfOneBlockWithIdsNextToAKeyHoldAtMostTwoOfItsStorers() {
        startHonestNetwork();
        // the key lies where the crowd's address may place ids: its 21-bit prefix is the address's
        String crowdIp = "127.0.20.2";
        InfoHash key = IdBinding.derive(ip(crowdIp), random);
        List<InfoHash> crowd = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] id = key.randomWithPrefix(40, random).toBytes();
            id[19] = (byte) key.byteAt(19); // the same r: the id still fits the address
            InfoHash chosen = InfoHash.fromBytes(id);
            start(
                    crowdIp,
                    InternalConfig.engineSettings(DhtConfig.builder(), RULES).nodeId(chosen));
            crowd.add(chosen);
        }
        DhtNode spreading = honest.get(7);
        PutResult spread = spreading.put(key, Value.of("42")).block(START);
        assertThat(spread.storers()).hasSizeBetween(K, K + 1);
        assertThat(spread.storers().stream().filter(s -> crowd.contains(s.id())))
                .as("the crowd of one /24 among the storers")
                .hasSizeBetween(1, 2);

        DhtNode careless =
                start("127.0.10.2", InternalConfig.engineSettings(DhtConfig.builder(), RULES.withPrefixDiversity(0)));
        PutResult unspread = careless.put(key, Value.of("43")).block(START);
        // a crowd node that stalls past two timeouts of a few milliseconds (a loaded machine running
        // 24 nodes in one JVM) is passed over, so "more than two" and not "all six"
        assertThat(unspread.storers().stream().filter(s -> crowd.contains(s.id())))
                .as("without the rule the crowd takes more of the closest places")
                .hasSizeGreaterThan(2);
    }

    @Test
    void aNodeJoinsThroughABootstrapNodeWhoseIdDoesNotFitWithoutTakingItAsAContact() {
        startHonestNetwork();
        DhtNode old =
                start("127.0.11.2", InternalConfig.engineSettings(DhtConfig.builder(), EngineSettings.defaults()));
        assertThat(IdBinding.fits(old.id(), old.address().getAddress())).isFalse();
        bootstrap = "127.0.11.2:" + old.address().getPort();

        DhtNode joining = start("127.0.12.2", InternalConfig.engineSettings(DhtConfig.builder(), RULES));

        assertThat(contacts(joining)).isNotEmpty().doesNotContain(old.id());
        PutResult put = joining.put(InfoHash.of("joined"), Value.of("44")).block(START);
        assertThat(put.storers()).hasSizeBetween(K, K + 1).allMatch(AddressRulesOverUdpTest::fits);
    }

    @Test
    void aChosenIdThatDoesNotFitTheBindAddressIsRefused() {
        InfoHash chosen = InfoHash.of("pollution_level");
        assertThatThrownBy(() -> InternalConfig.engineSettings(DhtConfig.builder(), RULES)
                        .bindHost("127.0.0.2")
                        .nodeId(chosen)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit the address 127.0.0.2")
                .hasMessageContaining("id binding");
    }
}
