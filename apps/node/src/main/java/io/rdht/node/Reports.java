package io.rdht.node;

import io.rdht.core.HeldListen;
import io.rdht.core.InfoHash;
import io.rdht.core.KeySnapshot;
import io.rdht.core.KeySnapshot.StoredValue;
import io.rdht.core.ListenView;
import io.rdht.core.NodeInfo;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.RoutingSnapshot.BucketView;
import io.rdht.core.RoutingSnapshot.ContactView;
import io.rdht.core.storage.StorageLimits;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of the console's reports ({@code ll}, {@code lr}, {@code ls}, {@code ld}), made from
 * snapshots of the node. Pure: every input is a copy, the time is given.
 */
public final class Reports {

    private Reports() {}

    /**
     * What {@code ll} shows of a node, gathered from its snapshots.
     *
     * @param id               the node's id
     * @param address          the address it is bound to
     * @param networkId        its network id
     * @param routing          its routing table
     * @param storage          what it stores
     * @param storageLimit     the most bytes it stores for others
     * @param ours             its own listens
     * @param here             listens others hold on it
     * @param counters         its counters by name
     */
    public record NodeSummary(
            InfoHash id,
            InetSocketAddress address,
            int networkId,
            RoutingSnapshot routing,
            List<KeySnapshot> storage,
            long storageLimit,
            List<ListenView> ours,
            List<HeldListen> here,
            Map<String, Long> counters) {}

    /** {@code ll}: id, address, table size, storage totals, listens and every counter. */
    public static List<String> nodeInfo(NodeSummary s) {
        List<String> out = new ArrayList<>();
        int values = s.storage().stream().mapToInt(k -> k.values().size()).sum();
        int subscribers = s.ours().stream().mapToInt(ListenView::subscribers).sum();
        out.add("id        " + s.id().toHex());
        out.add("address   " + Format.address(s.address()) + "  network " + s.networkId());
        out.add("routing   " + count(s.routing().contactCount(), "contact") + " in "
                + count(s.routing().buckets().size(), "bucket"));
        out.add("storage   " + count(s.storage().size(), "key") + ", " + count(values, "value") + ", "
                + Format.bytes(chargedBytes(s.storage())) + " of " + Format.bytes(s.storageLimit()));
        out.add("listens   ours: " + count(s.ours().size(), "key") + " (" + count(subscribers, "subscriber")
                + "); here: " + count(s.here().size(), "listener"));
        out.add("counters");
        int width =
                s.counters().keySet().stream().mapToInt(String::length).max().orElse(0);
        s.counters()
                .forEach((name, value) -> out.add(String.format(Locale.ROOT, "  %-" + width + "s %,d", name, value)));
        return out;
    }

    /**
     * {@code lr}: a line per bucket, then a line per contact of that bucket, then how many failed
     * peers the node remembers, if any.
     */
    public static List<String> routing(RoutingSnapshot table) {
        List<String> out = new ArrayList<>();
        out.add("routing table of " + table.self().toHex() + ": " + count(table.contactCount(), "contact") + " in "
                + count(table.buckets().size(), "bucket"));
        for (BucketView b : table.buckets()) {
            out.add("bucket prefix=" + b.prefixLength() + (b.last() ? "+" : "") + " contacts="
                    + b.contacts().size() + " replacement="
                    + (b.replacement() == null ? "-" : Format.node(b.replacement())));
            for (ContactView c : b.contacts()) {
                out.add(contact(c));
            }
        }
        if (table.failed() > 0) {
            out.add(count(table.failed(), "failed peer") + " remembered (not asked again until heard from)");
        }
        return out;
    }

    private static String contact(ContactView c) {
        String rtt = c.rttMillis() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", c.rttMillis());
        return String.format(
                Locale.ROOT,
                "  %s  %-21s silent %-7s rtt %6s ms  failures %d",
                c.node().id().shortHex(),
                Format.address(c.node().address()),
                Format.millis(c.silentMillis()),
                rtt,
                c.failures());
    }

    /**
     * {@code ls}: this node's listens (key, tokens, storers, values held, subscribers), then the
     * listens others hold here with the time each has left.
     *
     * @param ours     this node's listens
     * @param tokens   the console's listen tokens by key
     * @param here     listens other nodes hold on this node
     */
    public static List<String> listens(
            List<ListenView> ours, Map<InfoHash, List<Integer>> tokens, List<HeldListen> here) {
        List<String> out = new ArrayList<>();
        out.add("listens of this node: " + ours.size());
        for (ListenView l : ours) {
            List<Integer> t = tokens.getOrDefault(l.key(), List.of());
            out.add("  " + l.key().toHex() + (t.isEmpty() ? "" : " tokens " + t) + "  storers="
                    + l.storers().size() + " values=" + l.values() + " subscribers=" + l.subscribers());
            for (NodeInfo storer : l.storers()) {
                out.add("    storer " + Format.node(storer));
            }
        }
        out.add("listens others hold here: " + here.size());
        for (HeldListen r : here) {
            out.add("  " + r.key().toHex() + "  listener " + Format.node(r.listener()) + " id "
                    + Long.toUnsignedString(r.listenId(), 16) + " expires in "
                    + Format.millis(r.expiresIn().toMillis()));
        }
        return out;
    }

    /** {@code ld}: totals, then each key and its values (id, seq, size, type, TTL left, source). */
    public static List<String> storage(List<KeySnapshot> keys) {
        List<String> out = new ArrayList<>();
        int values = keys.stream().mapToInt(k -> k.values().size()).sum();
        out.add("storage: " + count(keys.size(), "key") + ", " + count(values, "value") + ", "
                + Format.bytes(chargedBytes(keys)));
        for (KeySnapshot k : keys) {
            out.add("key " + k.key().toHex() + "  " + count(k.values().size(), "value"));
            for (StoredValue sv : k.values()) {
                out.add(String.format(
                        Locale.ROOT,
                        "  %s seq=%d size=%d %s ttl left %s from %s",
                        Format.valueId(sv.value().id()),
                        sv.value().seq(),
                        sv.value().dataLength(),
                        sv.value().contentType(),
                        Format.millis(sv.remainingTtlMillis()),
                        sv.source().getHostAddress()));
            }
        }
        return out;
    }

    /** Bytes the stored values count against the storage limit. */
    static long chargedBytes(List<KeySnapshot> keys) {
        return keys.stream()
                .flatMap(k -> k.values().stream())
                .mapToLong(v -> StorageLimits.chargeOf(v.value()))
                .sum();
    }

    /** {@code n} and a noun, plural unless {@code n} is 1. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
