package io.rdht.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AddressRulesTableTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final RoutingSettings BOUND = new RoutingSettings(8, 2, 15 * 60_000, 10 * 60_000, 500, 10, 2_000)
            .withIdBinding(new IdBinding(true, true));

    private final SplittableRandom random = new SplittableRandom(5);
    private final RoutingTable table = new RoutingTable(InfoHash.random(random), BOUND, T0);

    private NodeInfo fitting(String ip) {
        InetSocketAddress address = new InetSocketAddress(ip, 4222);
        return new NodeInfo(IdBinding.derive(address.getAddress(), random), address);
    }

    @Test
    void aNodeWhoseIdDoesNotFitItsAddressNeverEntersTheTable() {
        NodeInfo unfit = new NodeInfo(InfoHash.random(random), new InetSocketAddress("127.0.0.2", 4222));
        assertThat(table.onRequest(unfit, T0)).isNull();
        table.onReply(unfit, 1.0, T0);
        assertThat(table.contains(unfit.id())).isFalse();
        assertThat(table.size()).isZero();
    }

    @Test
    void nodesWhoseIdsFitTheirAddressesEnter() {
        NodeInfo a = fitting("127.0.0.2");
        NodeInfo b = fitting("127.0.1.3");
        table.onRequest(a, T0);
        table.onReply(b, 1.0, T0);
        assertThat(table.closest(a.id(), 8)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void aContactDoesNotMoveToAnAddressItsIdDoesNotFit() {
        NodeInfo a = fitting("127.0.0.2");
        table.onReply(a, 1.0, T0);
        table.onReply(new NodeInfo(a.id(), new InetSocketAddress("127.0.5.9", 4222)), 1.0, T0 + 1);
        assertThat(table.closest(a.id(), 1)).containsExactly(a);
    }

    @Test
    void spreadKeepsAtMostMaxPerPrefixOfOneBlockInOrder() {
        PrefixDiversity rule = new PrefixDiversity(2, true);
        NodeInfo a1 = fitting("127.0.0.2");
        NodeInfo a2 = fitting("127.0.0.3");
        NodeInfo a3 = fitting("127.0.0.4");
        NodeInfo b1 = fitting("127.0.1.2");
        assertThat(rule.spread(List.of(a1, a2, a3, b1), 3)).containsExactly(a1, a2, b1);
        assertThat(PrefixDiversity.defaults().spread(List.of(a1, a2, a3, b1), 3))
                .as("loopback is exempt by default")
                .containsExactly(a1, a2, a3);
    }

    @Test
    void ipv6BlocksAreSlash48s() {
        PrefixDiversity rule = new PrefixDiversity(1, false);
        assertThat(rule.blockOf(new InetSocketAddress("2001:db8:1:aaaa::1", 1)))
                .isEqualTo(rule.blockOf(new InetSocketAddress("2001:db8:1:bbbb::2", 1)))
                .isNotEqualTo(rule.blockOf(new InetSocketAddress("2001:db8:2::1", 1)));
        assertThat(PrefixDiversity.off().blockOf(new InetSocketAddress("8.8.8.8", 1)))
                .isNull();
    }
}
