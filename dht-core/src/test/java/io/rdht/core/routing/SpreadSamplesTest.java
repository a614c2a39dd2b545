package io.rdht.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadSamplesTest {

    @Test
    void tellsNothingUntilFourLookupsEnded() {
        SpreadSamples s = new SpreadSamples();
        s.add(0.001);
        s.add(0.001);
        s.add(0.001);
        assertThat(s.least()).isZero();
        s.add(0.001);
        assertThat(s.least()).isEqualTo(0.001);
    }

    @Test
    void oneLookupThatMetNoSybilAmongTheLastSetsTheEstimate() {
        // a node whose table Sybils filled: fifteen of its sixteen lookups end on their cliques
        SpreadSamples s = new SpreadSamples();
        for (int i = 0; i < SpreadSamples.KEPT; i++) {
            s.add(i == 5 ? 0.0008 : 0.02 + i * 1e-4);
        }
        assertThat(s.least()).isEqualTo(0.0008);
    }

    @Test
    void keepsOnlyTheLastLookups() {
        SpreadSamples s = new SpreadSamples();
        for (int i = 0; i < SpreadSamples.KEPT; i++) {
            s.add(0.0001);
        }
        for (int i = 0; i < SpreadSamples.KEPT; i++) {
            s.add(0.01);
        }
        assertThat(s.least()).isEqualTo(0.01);
    }

    @Test
    void aResultNoWiderThanTheLimitAllowsIsTheLastDenseOne() {
        SpreadSamples s = new SpreadSamples();
        List<NodeInfo> dense = List.of(node("a"), node("b"));
        List<NodeInfo> sparse = List.of(node("c"));

        s.note(0.004, dense, 0.001, 4);
        s.note(0.005, sparse, 0.001, 4);

        assertThat(s.lastDense()).containsExactlyElementsOf(dense);
        assertThat(s.least()).as("both spreads count").isZero();
        s.note(0.001, List.of(), 0.001, 4);
        s.note(0.002, List.of(), 0.001, 4);
        assertThat(s.least()).isEqualTo(0.001);
    }

    @Test
    void nothingIsDenseWhileTheNetworksSpreadIsUnknown() {
        SpreadSamples s = new SpreadSamples();
        s.note(0.0001, List.of(node("a")), 0, 4);
        assertThat(s.lastDense()).isEmpty();
    }

    private static NodeInfo node(String name) {
        return new NodeInfo(InfoHash.of(name), new InetSocketAddress("127.0.0.1", 4222));
    }
}
