package io.rdht.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadSamplesTest {

    private static final List<NodeInfo> NODES = List.of(node("a"));

    @Test
    void tellsNothingUntilFourLookupsEnded() {
        SpreadSamples s = new SpreadSamples();
        s.add(0.001, NODES);
        s.add(0.001, NODES);
        s.add(0.001, NODES);
        assertThat(s.least()).isZero();
        s.add(0.001, NODES);
        assertThat(s.least()).isEqualTo(0.001);
    }

    @Test
    void oneLookupThatMetNoSybilAmongTheLastSetsTheEstimateAndIsTheGround() {
        // a node whose table Sybils filled: fifteen of its sixteen lookups end on their cliques
        SpreadSamples s = new SpreadSamples();
        List<NodeInfo> honest = List.of(node("honest 1"), node("honest 2"));
        for (int i = 0; i < SpreadSamples.KEPT; i++) {
            s.add(i == 5 ? 0.0008 : 0.02 + i * 1e-4, i == 5 ? honest : List.of(node("sybil " + i)));
        }
        assertThat(s.least()).isEqualTo(0.0008);
        assertThat(s.densest()).containsExactlyElementsOf(honest);
    }

    @Test
    void keepsOnlyTheLastLookups() {
        SpreadSamples s = new SpreadSamples();
        for (int i = 0; i < SpreadSamples.KEPT; i++) {
            s.add(0.0001, List.of(node("old")));
        }
        for (int i = 0; i < SpreadSamples.KEPT; i++) {
            s.add(0.01, NODES);
        }
        assertThat(s.least()).isEqualTo(0.01);
        assertThat(s.densest()).containsExactlyElementsOf(NODES);
    }

    @Test
    void theGroundIsEmptyBeforeAnyLookupEnded() {
        assertThat(new SpreadSamples().densest()).isEmpty();
    }

    private static NodeInfo node(String name) {
        return new NodeInfo(InfoHash.of(name), new InetSocketAddress("127.0.0.1", 4222));
    }
}
