package io.rdht.core;

import java.util.List;

/**
 * An immutable copy of the routing table, taken on the node thread and read anywhere.
 *
 * @param self    the own id
 * @param buckets the buckets, from the farthest (prefix 0) to the nearest; a node that serves IPv4
 *                and IPv6 has a table per family, and lists the IPv4 table's buckets, then the IPv6
 *                table's
 * @param failed  peers that failed and left the table (or never entered it), remembered so that
 *                lookups do not ask them again
 */
public record RoutingSnapshot(InfoHash self, List<BucketView> buckets, int failed) {
    /** Copies the list. */
    public RoutingSnapshot {
        buckets = List.copyOf(buckets);
    }

    /** {@return number of contacts in all buckets} */
    public int contactCount() {
        return buckets.stream().mapToInt(b -> b.contacts().size()).sum();
    }

    /**
     * One bucket.
     *
     * @param prefixLength leading bits its contacts share with the own id (at least, for the last)
     * @param last         whether this is the last bucket, which may still split
     * @param contacts     its contacts
     * @param replacement  the replacement candidate, or {@code null}
     */
    public record BucketView(int prefixLength, boolean last, List<ContactView> contacts, NodeInfo replacement) {
        /** Copies the list. */
        public BucketView {
            contacts = List.copyOf(contacts);
        }
    }

    /**
     * One contact.
     *
     * @param node          id and address
     * @param silentMillis  time since it was last heard from
     * @param failures      unanswered requests in a row
     * @param rttMillis     smoothed round trip, or -1 if never measured
     */
    public record ContactView(NodeInfo node, long silentMillis, int failures, double rttMillis) {}
}
