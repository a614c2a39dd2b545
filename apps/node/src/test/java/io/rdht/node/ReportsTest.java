package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.HeldListen;
import io.rdht.core.InfoHash;
import io.rdht.core.KeySnapshot;
import io.rdht.core.KeySnapshot.StoredValue;
import io.rdht.core.ListenView;
import io.rdht.core.NodeInfo;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.RoutingSnapshot.BucketView;
import io.rdht.core.RoutingSnapshot.ContactView;
import io.rdht.core.Value;
import io.rdht.core.storage.StorageLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {

    private static final InfoHash SELF = InfoHash.fromHex("aa".repeat(20));
    private static final InfoHash KEY = InfoHash.of("mykey");

    private static NodeInfo node(String idHex, int port) throws Exception {
        return new NodeInfo(
                InfoHash.fromHex(idHex.repeat(20)), new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void routingShowsEachBucketThenItsContacts() throws Exception {
        RoutingSnapshot table = new RoutingSnapshot(
                SELF,
                List.of(
                        new BucketView(
                                0, false, List.of(new ContactView(node("11", 4001), 2_500, 0, 0.42)), node("22", 4002)),
                        new BucketView(1, true, List.of(new ContactView(node("cc", 4003), 70_000, 1, -1)), null)),
                5);
        assertThat(Reports.routing(table))
                .containsExactly(
                        "routing table of " + SELF.toHex() + ": 2 contacts in 2 buckets",
                        "bucket prefix=0 contacts=1 replacement=22222222@127.0.0.1:4002",
                        "  11111111  127.0.0.1:4001        silent 2s      rtt    0.4 ms  failures 0",
                        "bucket prefix=1+ contacts=1 replacement=-",
                        "  cccccccc  127.0.0.1:4003        silent 1m10s   rtt      - ms  failures 1",
                        "5 failed peers remembered (not asked again until heard from)");
    }

    @Test
    void storageShowsEachKeyAndItsValues() throws Exception {
        Value v = Value.builder().id(7).text("hello").contentType("text/plain").build();
        List<KeySnapshot> keys =
                List.of(new KeySnapshot(KEY, List.of(new StoredValue(v, InetAddress.getByName("10.0.0.9"), 598_000))));
        assertThat(Reports.storage(keys))
                .containsExactly(
                        "storage: 1 key, 1 value, " + (5 + "text/plain".length() + StorageLimits.VALUE_OVERHEAD_BYTES)
                                + " B",
                        "key " + KEY.toHex() + "  1 value",
                        "  0000000000000007 seq=0 size=5 text/plain ttl left 9m58s from 10.0.0.9");
    }

    @Test
    void listensShowOursWithTokensAndStorersThenThoseHeldHere() throws Exception {
        List<ListenView> ours = List.of(new ListenView(KEY, List.of(node("11", 4001)), 2, 1));
        List<HeldListen> here = List.of(new HeldListen(KEY, node("22", 4002), 0xbeefL, Duration.ofSeconds(60)));
        assertThat(Reports.listens(ours, Map.of(KEY, List.of(1, 3)), here))
                .containsExactly(
                        "listens of this node: 1",
                        "  " + KEY.toHex() + " tokens [1, 3]  storers=1 values=2 subscribers=1",
                        "    storer 11111111@127.0.0.1:4001",
                        "listens others hold here: 1",
                        "  " + KEY.toHex() + "  listener 22222222@127.0.0.1:4002 id beef expires in 1m");
    }

    @Test
    void nodeInfoEndsWithEveryCounter() throws Exception {
        Reports.NodeSummary s = new Reports.NodeSummary(
                SELF,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 4242),
                7,
                new RoutingSnapshot(SELF, List.of(), 0),
                List.of(),
                256L << 20,
                List.of(),
                List.of(),
                Map.of("lookups", 1234L));
        assertThat(Reports.nodeInfo(s))
                .containsExactly(
                        "id        " + SELF.toHex(),
                        "address   127.0.0.1:4242  network 7",
                        "routing   0 contacts in 0 buckets",
                        "storage   0 keys, 0 values, 0 B of 256.0 MiB",
                        "listens   ours: 0 keys (0 subscribers); here: 0 listeners",
                        "counters",
                        "  lookups 1,234");
    }
}
