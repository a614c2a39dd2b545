package io.rdht.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.RoutingSnapshot;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final RoutingSettings SETTINGS = new RoutingSettings(8, 2, 15 * 60_000, 10 * 60_000, 500, 10, 2_000);

    private final SplittableRandom random = new SplittableRandom(42);
    private final InfoHash self = InfoHash.random(random);
    private final RoutingTable table = new RoutingTable(self, SETTINGS, T0);
    private int port = 1;

    private NodeInfo node(InfoHash id) {
        return new NodeInfo(id, new InetSocketAddress("127.0.0.1", port++));
    }

    private NodeInfo nodeWithPrefix(int sharedBits) {
        // shares exactly `sharedBits` leading bits with self
        InfoHash flipped = self.xor(bit(sharedBits));
        return node(flipped.randomWithPrefix(sharedBits + 1, random));
    }

    private static InfoHash bit(int i) {
        byte[] b = new byte[20];
        b[i / 8] = (byte) (0x80 >>> (i % 8));
        return InfoHash.fromBytes(b);
    }

    @Test
    void closestReturnsContactsInXorOrder() {
        List<NodeInfo> added = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            NodeInfo n = node(InfoHash.random(random));
            table.onReply(n, 1.0, T0);
            added.add(n);
        }
        InfoHash target = InfoHash.random(random);
        List<NodeInfo> closest = table.closest(target, 8);
        assertThat(closest).hasSize(8);
        assertThat(closest).isSortedAccordingTo(Comparator.comparing(NodeInfo::id, target::compareDistance));
        List<NodeInfo> known = new ArrayList<>();
        table.snapshot(T0).buckets().forEach(b -> b.contacts().forEach(c -> known.add(c.node())));
        known.sort(Comparator.comparing(NodeInfo::id, target::compareDistance));
        assertThat(closest).containsExactlyElementsOf(known.subList(0, 8));
    }

    @Test
    void bucketsSplitOnlyAroundTheOwnId() {
        for (int i = 0; i < 2000; i++) {
            table.onReply(node(InfoHash.random(random)), 1.0, T0);
        }
        RoutingSnapshot snap = table.snapshot(T0);
        for (RoutingSnapshot.BucketView b : snap.buckets()) {
            assertThat(b.contacts()).hasSizeLessThanOrEqualTo(8);
            for (RoutingSnapshot.ContactView c : b.contacts()) {
                int cpl = self.commonPrefixLength(c.node().id());
                if (b.last()) {
                    assertThat(cpl).isGreaterThanOrEqualTo(b.prefixLength());
                } else {
                    assertThat(cpl).isEqualTo(b.prefixLength());
                }
            }
        }
        // far buckets are full, the table is about log2(2000) deep
        assertThat(snap.buckets().get(0).contacts()).hasSize(8);
        assertThat(snap.buckets().size()).isBetween(7, 14);
    }

    @Test
    void fullBucketKeepsNewcomerAsReplacementAndAsksToPingTheSilentOldest() {
        List<NodeInfo> first = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            NodeInfo n = nodeWithPrefix(0);
            table.onReply(n, 1.0, T0 + i);
            first.add(n);
        }
        // make the table split past bucket 0 so that bucket 0 can no longer split
        for (int i = 0; i < 9; i++) {
            table.onReply(nodeWithPrefix(3), 1.0, T0);
        }
        NodeInfo newcomer = nodeWithPrefix(0);
        assertThat(table.onRequest(newcomer, T0 + 10))
                .as("oldest is not silent yet: nothing to ping")
                .isNull();
        NodeInfo another = nodeWithPrefix(0);
        NodeInfo toPing = table.onRequest(another, T0 + SETTINGS.staleContactMillis());
        assertThat(toPing).isEqualTo(first.get(0));
        assertThat(table.contains(another.id())).isFalse();
        assertThat(table.snapshot(T0).buckets().get(0).replacement()).isEqualTo(another);

        // the oldest fails twice: the replacement takes its place
        long pinged = T0 + SETTINGS.staleContactMillis();
        table.onTimeout(first.get(0), pinged, pinged);
        assertThat(table.contains(first.get(0).id())).isTrue();
        table.onTimeout(first.get(0), pinged, pinged);
        assertThat(table.contains(first.get(0).id())).isFalse();
        assertThat(table.contains(another.id())).isTrue();
    }

    @Test
    void contactThatFailsRepeatedlyLeavesTheTableAndIsRememberedAsFailedUntilHeardFrom() {
        NodeInfo n = node(InfoHash.random(random));
        table.onReply(n, 1.0, T0);
        assertThat(table.statusOf(n.id(), T0)).isEqualTo(PeerStatus.UNSUSPECTED);
        table.onTimeout(n, T0, T0);
        assertThat(table.statusOf(n.id(), T0)).isEqualTo(PeerStatus.SUSPECT);
        assertThat(table.closest(n.id(), 8))
                .as("one failure may be a lost datagram")
                .containsExactly(n);
        table.onTimeout(n, T0, T0);
        assertThat(table.contains(n.id())).isFalse();
        assertThat(table.closest(n.id(), 8)).isEmpty();
        assertThat(table.statusOf(n.id(), T0)).isEqualTo(PeerStatus.FAILED);
        assertThat(table.lastResort(n.id(), 8)).containsExactly(n);
        assertThat(table.snapshot(T0).failed()).isEqualTo(1);

        table.onRequest(n, T0 + 1);
        assertThat(table.statusOf(n.id(), T0 + 1)).isEqualTo(PeerStatus.UNSUSPECTED);
        assertThat(table.closest(n.id(), 8)).containsExactly(n);
    }

    @Test
    void requestsThatTimedOutBeforeTheContactsLastReplyAreNotFailures() {
        NodeInfo busy = node(InfoHash.random(random));
        table.onReply(busy, 1.0, T0);
        // three requests in flight together; the third is answered, the first two are lost
        table.onReply(busy, 1.0, T0 + 20);
        table.onTimeout(busy, T0 + 10, T0 + 100);
        table.onTimeout(busy, T0 + 10, T0 + 100);
        assertThat(table.statusOf(busy.id(), T0 + 100))
                .as("it answered after both were sent: the datagrams were lost, not the peer")
                .isEqualTo(PeerStatus.UNSUSPECTED);

        table.onTimeout(busy, T0 + 30, T0 + 200);
        table.onTimeout(busy, T0 + 30, T0 + 200);
        assertThat(table.contains(busy.id())).as("silent since both were sent").isFalse();
    }

    @Test
    void aFailureFadesAfterTheFailedMemory() {
        NodeInfo stranger = node(InfoHash.random(random));
        table.onTimeout(stranger, T0, T0);
        table.onTimeout(stranger, T0, T0);
        assertThat(table.statusOf(stranger.id(), T0))
                .as("never a contact, named by others")
                .isEqualTo(PeerStatus.FAILED);
        assertThat(table.statusOf(stranger.id(), T0 + SETTINGS.failedMemoryMillis()))
                .isEqualTo(PeerStatus.UNSUSPECTED);
    }

    @Test
    void oneUdpAddressHoldsOneContactWhateverIdsItClaims() {
        InetSocketAddress socket = new InetSocketAddress("127.0.0.1", 9999);
        for (int i = 0; i < 2000; i++) {
            table.onRequest(new NodeInfo(InfoHash.random(random), socket), T0);
        }
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aNewIdAtTheAddressOfAContactThatFailedTakesItsPlace() {
        InetSocketAddress socket = new InetSocketAddress("127.0.0.1", 9999);
        NodeInfo before = new NodeInfo(InfoHash.random(random), socket);
        table.onReply(before, 1.0, T0);
        table.onTimeout(before, T0, T0);
        NodeInfo restarted = new NodeInfo(InfoHash.random(random), socket);
        table.onRequest(restarted, T0 + 1);
        assertThat(table.contains(restarted.id())).isTrue();
        assertThat(table.contains(before.id())).isFalse();
    }

    @Test
    void aPublicHostHoldsAtMostTwoContactsAndABlockAtMostTwoABucket() {
        for (int port = 1; port <= 10; port++) {
            table.onRequest(new NodeInfo(InfoHash.random(random), new InetSocketAddress("203.0.113.7", port)), T0);
        }
        assertThat(table.size()).as("one host").isEqualTo(2);
        RoutingTable other = new RoutingTable(self, SETTINGS, T0);
        for (int host = 1; host <= 50; host++) {
            InfoHash farId = nodeWithPrefix(0).id();
            other.onRequest(new NodeInfo(farId, new InetSocketAddress("198.51.100." + host, 4222)), T0);
        }
        assertThat(other.size()).as("one /24 in one bucket").isEqualTo(2);
    }

    @Test
    void localAddressesAreExemptUnlessLimitedToo() {
        for (int port = 1; port <= 10; port++) {
            table.onRequest(new NodeInfo(InfoHash.random(random), new InetSocketAddress("10.1.2.3", port)), T0);
        }
        assertThat(table.size()).isEqualTo(10);
        RoutingTable strict = new RoutingTable(self, SETTINGS.withAddressLimits(new AddressLimits(2, 2, true)), T0);
        for (int port = 1; port <= 10; port++) {
            strict.onRequest(new NodeInfo(InfoHash.random(random), new InetSocketAddress("10.1.2.3", port)), T0);
        }
        assertThat(strict.size()).isEqualTo(2);
    }

    @Test
    void ownIdIsNeverAdded() {
        table.onRequest(node(self), T0);
        assertThat(table.size()).isZero();
    }

    @Test
    void staleBucketsYieldRefreshTargetsInsideThemOncePerPeriod() {
        for (int i = 0; i < 100; i++) {
            table.onReply(node(InfoHash.random(random)), 1.0, T0);
        }
        int buckets = table.snapshot(T0).buckets().size();
        assertThat(table.bucketsToRefresh(T0 + 1000, random)).isEmpty();
        List<InfoHash> targets = table.bucketsToRefresh(T0 + SETTINGS.bucketRefreshMillis(), random);
        assertThat(targets).hasSize(buckets);
        for (int i = 0; i < buckets - 1; i++) {
            assertThat(self.commonPrefixLength(targets.get(i))).isEqualTo(i);
        }
        assertThat(table.bucketsToRefresh(T0 + SETTINGS.bucketRefreshMillis() + 1, random))
                .isEmpty();
    }

    @Test
    void timeoutAdaptsToMeasuredRoundTrips() {
        NodeInfo n = node(InfoHash.random(random));
        assertThat(table.timeoutMillis(n.id())).isEqualTo(500);
        for (int i = 0; i < 20; i++) {
            table.onReply(n, 3.0, T0);
        }
        assertThat(table.timeoutMillis(n.id())).isBetween(10L, 20L);
        NodeInfo stranger = node(InfoHash.random(random));
        assertThat(table.timeoutMillis(stranger.id()))
                .as("network-wide estimate")
                .isBetween(10L, 20L);
        table.onReply(n, 1500.0, T0);
        assertThat(table.timeoutMillis(n.id())).isGreaterThan(500);
    }

    @Test
    void anOldSlowEstimateIsNeverTrustedBeyondTwiceTheNetworksTimeout() {
        NodeInfo warmingUp = node(InfoHash.random(random));
        table.onReply(warmingUp, 600.0, T0);
        for (int i = 0; i < 200; i++) {
            table.onReply(node(InfoHash.random(random)), 1.0, T0);
        }
        assertThat(table.timeoutMillis(warmingUp.id())).isEqualTo(2 * table.networkTimeoutMillis());
    }
}
