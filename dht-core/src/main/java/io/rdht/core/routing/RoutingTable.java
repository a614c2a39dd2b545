package io.rdht.core.routing;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.RoutingSnapshot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The Kademlia routing table: k-buckets that split only around the own id, each with one
 * replacement candidate, and a round-trip estimate per contact. A contact that leaves
 * {@link RoutingSettings#maxFailures} requests in a row unanswered leaves the table (its bucket's
 * candidate takes its place) for a memory of failed peers, which lookups consult so that no one
 * asks a dead node again, whoever names it, until it shows it is alive.
 *
 * <p>Bucket {@code i} holds contacts whose ids share exactly {@code i} leading bits with the own
 * id; the last bucket holds every contact sharing at least as many. When the last bucket is full
 * it splits, so the table is fine-grained near the own id and coarse far from it.
 *
 * <p>Threat-model note: a contact enters only after it sent us a message (a request or a reply),
 * never on another node's word, so a hostile reply cannot fill the table with made-up nodes; and a
 * full bucket keeps its long-lived contacts rather than the newest (ping before evict), so a flood
 * of new ids cannot push out contacts that answer. {@link AddressLimits} keep one host or block of
 * addresses from holding more than a few contacts. Under {@link IdBinding} a node whose id does not
 * fit the address it writes from never enters.
 */
public final class RoutingTable {

    private final InfoHash self;
    private final RoutingSettings settings;
    private final List<Bucket> buckets = new ArrayList<>();
    private final Map<InfoHash, Contact> contacts = new HashMap<>();
    private final Map<InetSocketAddress, InfoHash> byAddress = new HashMap<>();
    private final Map<InetAddress, Integer> perIp = new HashMap<>();
    private final FailedPeers failed;
    private final RttEstimator networkRtt;
    private final SpreadSamples spreads = new SpreadSamples();

    /** Creates an empty table for the node {@code self}. */
    public RoutingTable(InfoHash self, RoutingSettings settings, long nowMillis) {
        this.self = self;
        this.settings = settings;
        this.networkRtt = settings.newRttEstimator();
        this.failed = new FailedPeers(RoutingSettings.FAILED_PEERS_KEPT, settings.failedMemoryMillis());
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
     * Notes that {@code node} left a request first sent at {@code sentAtMillis} unanswered after
     * every re-send. After {@link RoutingSettings#maxFailures} in a row a contact leaves the table,
     * its bucket's candidate (if any) taking its place; it is remembered as failed, for lookups to
     * skip and as a last resort. A node outside the table is remembered the same way.
     *
     * <p>A contact that answered another request after this one was sent is alive: the datagrams
     * were lost, and the failure does not count. Otherwise the timeouts of requests that were in
     * flight together would count as failures in a row, and a busy live peer would be evicted by
     * two ordinary losses.
     */
    public void onTimeout(NodeInfo node, long sentAtMillis, long nowMillis) {
        Contact c = contacts.get(node.id());
        if (c == null) {
            failed.failed(node, nowMillis);
            return;
        }
        if (c.lastReplyMillis() > sentAtMillis) {
            return;
        }
        c.failed();
        if (isBad(c)) {
            Bucket b = bucketFor(node.id());
            remove(b, c);
            failed.remember(c.node(), c.failures(), nowMillis);
            promoteReplacement(b, nowMillis);
        }
    }

    private void promoteReplacement(Bucket b, long nowMillis) {
        Contact candidate = b.replacement();
        b.replacement(null);
        if (candidate != null && admits(b, candidate.node())) {
            add(b, candidate);
            b.touch(nowMillis);
        }
    }

    /**
     * Notes that {@code node} said it leaves the network: it leaves the table at once, if it is
     * known at that address, and is remembered as failed so that lookups do not ask it when others
     * still name it. Its bucket's candidate takes its place.
     */
    public void onLeft(NodeInfo node, long nowMillis) {
        Contact c = contacts.get(node.id());
        if (c != null && !c.node().address().equals(node.address())) {
            return;
        }
        if (c != null) {
            Bucket b = bucketFor(node.id());
            remove(b, c);
            promoteReplacement(b, nowMillis);
        }
        failed.remember(node, settings.maxFailures(), nowMillis);
    }

    /**
     * How {@code id} answered lately: {@link PeerStatus#FAILED} after
     * {@link RoutingSettings#maxFailures} unanswered requests in a row (not longer ago than
     * {@link RoutingSettings#failedMemoryMillis}), {@link PeerStatus#SUSPECT} after one.
     */
    public PeerStatus statusOf(InfoHash id, long nowMillis) {
        Contact c = contacts.get(id);
        int failures = c != null ? c.failures() : failed.failures(id, nowMillis);
        if (failures >= settings.maxFailures()) {
            return PeerStatus.FAILED;
        }
        return failures > 0 ? PeerStatus.SUSPECT : PeerStatus.UNSUSPECTED;
    }

    /**
     * Up to {@code count} peers that failed, closest to {@code target} first: whom to ask when the
     * table has nobody left (e.g. after this node's own network was down).
     */
    public List<NodeInfo> lastResort(InfoHash target, int count) {
        return failed.closest(target, count);
    }

    /**
     * Up to {@code count} contacts, closest to {@code target} first. Keeps the best few while
     * it walks the contacts instead of sorting them all: this runs for every request served.
     */
    public List<NodeInfo> closest(InfoHash target, int count) {
        NodeInfo[] best = new NodeInfo[Math.max(0, count)];
        int size = 0;
        for (Contact c : contacts.values()) {
            if (count == 0) {
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

    /**
     * How long to wait for {@code id}'s answer: its own estimate, at most twice the network-wide
     * one; the network-wide one for a node never measured.
     *
     * <p>Implementation note: a contact's own estimate can be old, taken while a process warmed up
     * or a path was congested, and a contact rarely asked never corrects it; real processes had
     * contacts at 0.2–0.6 s on a loopback whose round trips had fallen to 1 ms, so each dead one
     * held a lookup for seconds. The network-wide estimate is fed by every reply and is current.
     */
    public long timeoutMillis(InfoHash id) {
        long network = networkTimeoutMillis();
        Contact c = contacts.get(id);
        if (c != null && c.rtt().hasSamples()) {
            return Math.min(c.rtt().timeoutMillis(), 2 * network);
        }
        return network;
    }

    /** Whether any round trip was measured yet, so that {@link #networkTimeoutMillis} is an estimate. */
    public boolean hasRoundTrips() {
        return networkRtt.hasSamples();
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

    /**
     * The deepest bucket, the last one aside, that holds K contacts: K nodes share exactly that
     * many leading bits with the own id, so the network holds at least K per 2^-(i+1) of the id
     * space. −1 when no such bucket is full. A bound on the network's density that Sybils near
     * the own id cannot thin out, as they can the last bucket by answering the self-lookup.
     */
    public int deepestFullBucket() {
        for (int i = buckets.size() - 2; i >= 0; i--) {
            if (buckets.get(i).contacts().size() >= settings.k()) {
                return i;
            }
        }
        return -1;
    }

    /** The spreads of this family's last lookups' results. */
    public SpreadSamples lookupSpreads() {
        return spreads;
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

    /** Every contact and every bucket's replacement candidate: the peers this node knows. */
    public List<NodeInfo> knownPeers() {
        List<NodeInfo> peers = new ArrayList<>(contacts.size() + buckets.size());
        contacts.values().forEach(c -> peers.add(c.node()));
        for (Bucket b : buckets) {
            if (b.replacement() != null) {
                peers.add(b.replacement().node());
            }
        }
        return peers;
    }

    /** Number of contacts. */
    public int size() {
        return contacts.size();
    }

    /** Number of failed peers remembered outside the table. */
    public int failedCount() {
        return failed.size();
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
                cs.add(new RoutingSnapshot.ContactView(
                        c.node(),
                        nowMillis - c.lastSeenMillis(),
                        c.failures(),
                        c.rtt().smoothedMillis()));
            }
            Contact r = b.replacement();
            views.add(new RoutingSnapshot.BucketView(i, i == buckets.size() - 1, cs, r == null ? null : r.node()));
        }
        return new RoutingSnapshot(self, views, failed.size());
    }

    private NodeInfo observe(NodeInfo node, long nowMillis, boolean replied) {
        InfoHash id = node.id();
        if (id.equals(self) || !settings.idBinding().admits(node)) {
            return null;
        }
        failed.forget(id);
        Contact known = contacts.get(id);
        Bucket bucket = bucketFor(id);
        if (known != null) {
            if (replied) {
                moveIfFree(known, node);
                known.replied(nowMillis);
            } else {
                known.seen(nowMillis);
            }
            bucket.touch(nowMillis);
            return null;
        }
        freeAddressOfSuspect(node.address());
        while (bucket.contacts().size() >= settings.k() && isLast(bucket) && buckets.size() < InfoHash.BITS) {
            split();
            bucket = bucketFor(id);
        }
        if (!admits(bucket, node)) {
            return null;
        }
        Contact fresh = new Contact(node, nowMillis, settings.newRttEstimator());
        if (replied) {
            fresh.replied(nowMillis);
        }
        if (bucket.contacts().size() < settings.k()) {
            add(bucket, fresh);
            bucket.touch(nowMillis);
            return null;
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

    /**
     * Whether {@code node} may join {@code bucket} under the {@link AddressLimits}: its UDP address
     * is nobody else's, and its IP and block are not full.
     */
    private boolean admits(Bucket bucket, NodeInfo node) {
        InetSocketAddress address = node.address();
        if (byAddress.containsKey(address)) {
            return false;
        }
        AddressLimits limits = settings.addressLimits();
        if (!limits.applyTo(address)) {
            return true;
        }
        if (perIp.getOrDefault(address.getAddress(), 0) >= limits.perIp()) {
            return false;
        }
        AddressBlock prefix = AddressLimits.prefixOf(address);
        int inBlock = 0;
        for (Contact c : bucket.contacts()) {
            if (prefix.equals(AddressLimits.prefixOf(c.node().address()))) {
                inBlock++;
            }
        }
        return inBlock < limits.perPrefixInBucket();
    }

    /** A node with a new id at the address of a contact that failed lately: a restart, so the old one goes. */
    private void freeAddressOfSuspect(InetSocketAddress address) {
        InfoHash holder = byAddress.get(address);
        Contact c = holder == null ? null : contacts.get(holder);
        if (c != null && c.failures() > 0) {
            remove(bucketFor(holder), c);
        }
    }

    /** A contact that answered from another address moves there, unless another contact holds it. */
    private void moveIfFree(Contact c, NodeInfo now) {
        InetSocketAddress from = now.address();
        if (from.equals(c.node().address()) || byAddress.containsKey(from)) {
            return;
        }
        unindex(c.node());
        c.moved(now);
        index(now);
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
        index(c.node());
    }

    private void remove(Bucket b, Contact c) {
        b.contacts().remove(c);
        contacts.remove(c.node().id());
        unindex(c.node());
    }

    private void index(NodeInfo node) {
        byAddress.put(node.address(), node.id());
        perIp.merge(node.address().getAddress(), 1, Integer::sum);
    }

    private void unindex(NodeInfo node) {
        byAddress.remove(node.address(), node.id());
        perIp.computeIfPresent(node.address().getAddress(), (ip, n) -> n == 1 ? null : n - 1);
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
