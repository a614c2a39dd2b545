package io.rdht.core.routing;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The Kademlia routing table: k-buckets that split only around the own id, each with one
 * replacement candidate, and a round-trip estimate per contact.
 *
 * <p>Bucket {@code i} holds contacts whose ids share exactly {@code i} leading bits with the own
 * id; the last bucket holds every contact sharing at least as many. When the last bucket is full
 * it splits, so the table is fine-grained near the own id and coarse far from it.
 *
 * <p>Threat-model note: a contact enters only after it sent us a message (a request or a reply),
 * never on another node's word, so a hostile reply cannot fill the table with made-up nodes; and a
 * full bucket keeps its long-lived contacts rather than the newest (ping before evict), so a flood
 * of new ids cannot push out contacts that answer.
 */
public final class RoutingTable {

    private final InfoHash self;
    private final RoutingSettings settings;
    private final List<Bucket> buckets = new ArrayList<>();
    private final Map<InfoHash, Contact> contacts = new HashMap<>();
    private final RttEstimator networkRtt;

    /** Creates an empty table for the node {@code self}. */
    public RoutingTable(InfoHash self, RoutingSettings settings, long nowMillis) {
        this.self = self;
        this.settings = settings;
        this.networkRtt = settings.newRttEstimator();
        buckets.add(new Bucket(nowMillis));
    }

    /** The own id. */
    public InfoHash self() {
        return self;
    }

    /**
     * Notes that a request from {@code node} arrived: adds it if there is room, refreshes it if
     * known. Returns a contact to ping when {@code node} waits as replacement for a full bucket
     * whose least recently seen contact has been silent too long, or {@code null}.
     */
    public NodeInfo onRequest(NodeInfo node, long nowMillis) {
        return observe(node, nowMillis, false);
    }

    /**
     * Notes that {@code node} answered one of our requests {@code rttMillis} after it was first
     * sent. Returns a contact to ping, as {@link #onRequest}.
     */
    public NodeInfo onReply(NodeInfo node, double rttMillis, long nowMillis) {
        NodeInfo toPing = observe(node, nowMillis, true);
        networkRtt.sample(rttMillis);
        Contact c = contacts.get(node.id());
        if (c != null) {
            c.rtt().sample(rttMillis);
        }
        return toPing;
    }

    /**
     * Notes that {@code id} left a request unanswered. After {@link RoutingSettings#maxFailures} in
     * a row the contact is replaced by its bucket's candidate, if there is one; otherwise it stays,
     * marked bad, out of {@link #closest} until it answers again or a newcomer takes its place.
     */
    public void onTimeout(InfoHash id, long nowMillis) {
        Contact c = contacts.get(id);
        if (c == null) {
            return;
        }
        c.failed();
        if (isBad(c)) {
            Bucket b = bucketFor(id);
            Contact candidate = b.replacement();
            if (candidate != null) {
                remove(b, c);
                b.replacement(null);
                add(b, candidate);
                b.touch(nowMillis);
            }
        }
    }

    /** Forgets {@code id}, e.g. after it answered from an address it does not own. */
    public void remove(InfoHash id) {
        Contact c = contacts.get(id);
        if (c != null) {
            remove(bucketFor(id), c);
        }
    }

    /**
     * Up to {@code count} good contacts, closest to {@code target} first. Keeps the best few while
     * it walks the contacts instead of sorting them all: this runs for every request served.
     */
    public List<NodeInfo> closest(InfoHash target, int count) {
        NodeInfo[] best = new NodeInfo[Math.max(0, count)];
        int size = 0;
        for (Contact c : contacts.values()) {
            if (isBad(c) || count == 0) {
                continue;
            }
            NodeInfo n = c.node();
            if (size == count && target.compareDistance(n.id(), best[size - 1].id()) >= 0) {
                continue;
            }
            int at = size == count ? size - 1 : size++;
            while (at > 0 && target.compareDistance(n.id(), best[at - 1].id()) < 0) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = n;
        }
        return new ArrayList<>(Arrays.asList(best).subList(0, size));
    }

    /** How long to wait for {@code id}'s answer: its own estimate, else the network-wide one. */
    public long timeoutMillis(InfoHash id) {
        Contact c = contacts.get(id);
        if (c != null && c.rtt().hasSamples()) {
            return c.rtt().timeoutMillis();
        }
        return networkTimeoutMillis();
    }

    /** How long to wait for a node we know nothing of: the network-wide estimate. */
    public long networkTimeoutMillis() {
        return networkRtt.hasSamples() ? networkRtt.timeoutMillis() : settings.initialTimeoutMillis();
    }

    /** Notes that a lookup for {@code target} ran, so its bucket needs no refresh for a while. */
    public void onLookup(InfoHash target, long nowMillis) {
        bucketFor(target).touch(nowMillis);
    }

    /**
     * Random targets, one in each bucket nobody looked into for {@link RoutingSettings#bucketRefreshMillis};
     * a lookup of each refreshes the bucket. Marks those buckets as refreshed.
     */
    public List<InfoHash> bucketsToRefresh(long nowMillis, RandomGenerator random) {
        List<InfoHash> targets = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            if (nowMillis - b.lastActivityMillis() >= settings.bucketRefreshMillis()) {
                targets.add(randomIdInBucket(i, random));
                b.touch(nowMillis);
            }
        }
        return targets;
    }

    /**
     * Random targets at every distance farther than the closest contact, one per distance (ids
     * sharing exactly 0, 1, … leading bits with the own id). A new node looks them up after its
     * self-lookup so that it knows nodes far from it too, not only its neighbours (the Kademlia
     * paper's join rule).
     */
    public List<InfoHash> joinRefreshTargets(RandomGenerator random) {
        int nearest = 0;
        for (InfoHash id : contacts.keySet()) {
            nearest = Math.max(nearest, self.commonPrefixLength(id));
        }
        List<InfoHash> targets = new ArrayList<>(nearest);
        for (int bits = 0; bits < nearest; bits++) {
            targets.add(self.xor(flipBit(bits)).randomWithPrefix(bits + 1, random));
        }
        return targets;
    }

    /** Contacts not heard from for {@link RoutingSettings#staleContactMillis}: ping them. */
    public List<NodeInfo> staleContacts(long nowMillis) {
        List<NodeInfo> stale = new ArrayList<>();
        for (Contact c : contacts.values()) {
            if (nowMillis - c.lastSeenMillis() >= settings.staleContactMillis()) {
                stale.add(c.node());
            }
        }
        return stale;
    }

    /** Number of contacts, good or bad. */
    public int size() {
        return contacts.size();
    }

    /** Number of contacts that are not marked bad. */
    public int goodSize() {
        int n = 0;
        for (Contact c : contacts.values()) {
            if (!isBad(c)) {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code id} is in the table. */
    public boolean contains(InfoHash id) {
        return contacts.containsKey(id);
    }

    /** An immutable copy of the buckets, for display. */
    public RoutingSnapshot snapshot(long nowMillis) {
        List<RoutingSnapshot.BucketView> views = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            List<RoutingSnapshot.ContactView> cs = new ArrayList<>();
            for (Contact c : b.contacts()) {
                cs.add(new RoutingSnapshot.ContactView(c.node(), nowMillis - c.lastSeenMillis(), c.failures(),
                        c.rtt().smoothedMillis(), isBad(c)));
            }
            Contact r = b.replacement();
            views.add(new RoutingSnapshot.BucketView(i, i == buckets.size() - 1, cs, r == null ? null : r.node()));
        }
        return new RoutingSnapshot(self, views);
    }

    private NodeInfo observe(NodeInfo node, long nowMillis, boolean replied) {
        InfoHash id = node.id();
        if (id.equals(self)) {
            return null;
        }
        Contact known = contacts.get(id);
        Bucket bucket = bucketFor(id);
        if (known != null) {
            if (replied) {
                known.replied(node, nowMillis);
            } else {
                known.seen(nowMillis);
            }
            bucket.touch(nowMillis);
            return null;
        }
        while (bucket.contacts().size() >= settings.k() && isLast(bucket) && buckets.size() < InfoHash.BITS) {
            split();
            bucket = bucketFor(id);
        }
        Contact fresh = new Contact(node, nowMillis, settings.newRttEstimator());
        if (replied) {
            fresh.replied(node, nowMillis);
        }
        if (bucket.contacts().size() < settings.k()) {
            add(bucket, fresh);
            bucket.touch(nowMillis);
            return null;
        }
        for (Contact c : bucket.contacts()) {
            if (isBad(c)) {
                remove(bucket, c);
                add(bucket, fresh);
                return null;
            }
        }
        bucket.replacement(fresh);
        Contact oldest = null;
        for (Contact c : bucket.contacts()) {
            if (oldest == null || c.lastSeenMillis() < oldest.lastSeenMillis()) {
                oldest = c;
            }
        }
        return nowMillis - oldest.lastSeenMillis() >= settings.staleContactMillis() ? oldest.node() : null;
    }

    private boolean isBad(Contact c) {
        return c.failures() >= settings.maxFailures();
    }

    private boolean isLast(Bucket b) {
        return buckets.get(buckets.size() - 1) == b;
    }

    private Bucket bucketFor(InfoHash id) {
        return buckets.get(Math.min(self.commonPrefixLength(id), buckets.size() - 1));
    }

    private void add(Bucket b, Contact c) {
        b.contacts().add(c);
        contacts.put(c.node().id(), c);
    }

    private void remove(Bucket b, Contact c) {
        b.contacts().remove(c);
        contacts.remove(c.node().id());
    }

    private void split() {
        int last = buckets.size() - 1;
        Bucket old = buckets.get(last);
        Bucket deeper = new Bucket(old.lastActivityMillis());
        buckets.add(deeper);
        List<Contact> moving = new ArrayList<>();
        for (Contact c : old.contacts()) {
            if (self.commonPrefixLength(c.node().id()) > last) {
                moving.add(c);
            }
        }
        old.contacts().removeAll(moving);
        deeper.contacts().addAll(moving);
        Contact r = old.replacement();
        if (r != null && self.commonPrefixLength(r.node().id()) > last) {
            old.replacement(null);
            deeper.replacement(r);
        }
    }

    private InfoHash randomIdInBucket(int index, RandomGenerator random) {
        if (index == buckets.size() - 1) {
            return self.randomWithPrefix(index, random);
        }
        // share exactly `index` bits: copy index+1 bits of the id whose bit `index` is flipped
        return self.xor(flipBit(index)).randomWithPrefix(index + 1, random);
    }

    private static InfoHash flipBit(int bit) {
        byte[] b = new byte[InfoHash.BYTES];
        b[bit >>> 3] = (byte) (0x80 >>> (bit & 7));
        return InfoHash.fromBytes(b);
    }
}
