package io.rdht.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.routing.IdBinding;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroundIdsTest {

    private static final byte[] BLOCK = {(byte) 203, 0, 113};

    @Test
    void aBlockMakesEightFittingIdsPerAddressAndRunsTheClosestToTheKey() {
        InfoHash key = Attack.TARGET;
        List<NodeInfo> all = GroundIds.closest(key, BLOCK, 254, 4222, Integer.MAX_VALUE, new SplittableRandom(3));

        assertThat(all).hasSize(254 * 8);
        assertThat(all).allMatch(n -> IdBinding.fits(n.id(), n.address().getAddress()));
        assertThat(all.stream().map(NodeInfo::address).distinct())
                .as("one port per r")
                .hasSize(254 * 8);
        assertThat(all).isSortedAccordingTo((a, b) -> key.compareDistance(a.id(), b.id()));
        // 2,032 prefixes of 21 bits: the best shares about log2(2032) ≈ 11 bits with the key, never all 21.
        int best = all.get(0).id().commonPrefixLength(key);
        assertThat(best).isBetween(7, 20);
        assertThat(all.get(all.size() - 1).id().commonPrefixLength(key)).isZero();

        List<NodeInfo> twenty = GroundIds.closest(key, BLOCK, 254, 4222, 20, new SplittableRandom(3));
        assertThat(twenty).containsExactlyElementsOf(all.subList(0, 20));
    }
}
