package io.rdht.core.engine;

import io.rdht.core.wire.Reassembler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of one node's traffic and refusals. Only the node thread writes them (so {@code ++} on
 * a volatile is safe); any thread may read them.
 */
public final class NodeStats {

    private volatile long datagramsIn;
    private volatile long datagramsOut;
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile long requestsSent;
    private volatile long requestsServed;
    private volatile long retransmissions;
    private volatile long requestTimeouts;
    private volatile long droppedMalformed;
    private volatile long droppedOversized;
    private volatile long droppedOtherNetwork;
    private volatile long droppedUnknownTransaction;
    private volatile long droppedFromSelf;
    private volatile long badTokens;
    private volatile long valuesRefused;
    private volatile long lookups;
    private volatile long putsWithoutLookup;
    private volatile long pushesSent;
    private volatile long pushesDropped;
    private volatile long pushCopiesSkipped;
    private volatile long listensRefused;
    private volatile long listensRefusedByStorers;
    private volatile long silentKeyChecks;
    private volatile long silentKeyValues;
    private volatile long silentKeyWidened;
    private volatile long badSignaturesRefused;
    private volatile long badSignaturesDiscarded;
    private volatile long undecryptableDiscarded;
    private volatile long expiredDiscarded;
    private volatile long requestsRateLimited;
    private volatile long repliesBounded;
    private volatile long repliesDroppedOverBound;
    private volatile long reassembledMessages;
    private volatile long partialsExpired;
    private volatile long partialsEvicted;
    private volatile long partialsInconsistent;
    private volatile long fragmentsDuplicate;
    private volatile long partialsHeld;
    private volatile long partialBytesHeld;

    void received(int bytes) {
        datagramsIn++;
        bytesIn += bytes;
    }

    void sent(int bytes) {
        datagramsOut++;
        bytesOut += bytes;
    }

    void requestSent() {
        requestsSent++;
    }

    void requestServed() {
        requestsServed++;
    }

    void retransmission() {
        retransmissions++;
    }

    void requestTimedOut() {
        requestTimeouts++;
    }

    void malformed() {
        droppedMalformed++;
    }

    void oversized() {
        droppedOversized++;
    }

    void otherNetwork() {
        droppedOtherNetwork++;
    }

    void unknownTransaction() {
        droppedUnknownTransaction++;
    }

    void fromSelf() {
        droppedFromSelf++;
    }

    void badToken() {
        badTokens++;
    }

    void valueRefused() {
        valuesRefused++;
    }

    void lookupStarted() {
        lookups++;
    }

    void putWithoutLookup() {
        putsWithoutLookup++;
    }

    void pushCopySkipped() {
        pushCopiesSkipped++;
    }

    void pushSent() {
        pushesSent++;
    }

    void pushDropped() {
        pushesDropped++;
    }

    void listenRefused() {
        listensRefused++;
    }

    void listenRefusedByStorer() {
        listensRefusedByStorers++;
    }

    void silentKeyCheck() {
        silentKeyChecks++;
    }

    void silentKeyValue() {
        silentKeyValues++;
    }

    void silentKeyWidened() {
        silentKeyWidened++;
    }

    /** Pushes received that no listen of ours expected (unknown listen id or sender); dropped. */
    public long pushesDropped() {
        return pushesDropped;
    }

    void badSignatureRefused() {
        badSignaturesRefused++;
    }

    void badSignatureDiscarded() {
        badSignaturesDiscarded++;
    }

    void undecryptableDiscarded() {
        undecryptableDiscarded++;
    }

    void expiredDiscarded() {
        expiredDiscarded++;
    }

    void rateLimited() {
        requestsRateLimited++;
    }

    void replyBounded() {
        repliesBounded++;
    }

    void replyDroppedOverBound() {
        repliesDroppedOverBound++;
    }

    void reassembly(Reassembler r) {
        reassembledMessages = r.completedMessages();
        partialsExpired = r.expiredPartials();
        partialsEvicted = r.evictedPartials();
        partialsInconsistent = r.inconsistentPartials();
        fragmentsDuplicate = r.duplicateFragments();
        partialsHeld = r.partialCount();
        partialBytesHeld = r.bufferedBytes();
    }

    /** Requests dropped unanswered because their source or this node was over its rate limit. */
    public long requestsRateLimited() {
        return requestsRateLimited;
    }

    /** Replies cut down to the bound for requesters that have not shown they receive at their address. */
    public long repliesBounded() {
        return repliesBounded;
    }

    /** Partial messages held now, waiting for more fragments. */
    public long partialsHeld() {
        return partialsHeld;
    }

    /** Bytes of fragments held now for partial messages. */
    public long partialBytesHeld() {
        return partialBytesHeld;
    }

    /** Partial messages dropped because they timed out. */
    public long partialsExpired() {
        return partialsExpired;
    }

    /**
     * Datagrams dropped because they were malformed, oversized, foreign, unexpected, our own, or
     * requests over a rate limit.
     */
    public long dropped() {
        return droppedMalformed
                + droppedOversized
                + droppedOtherNetwork
                + droppedUnknownTransaction
                + droppedFromSelf
                + requestsRateLimited;
    }

    /** Datagrams received. */
    public long datagramsIn() {
        return datagramsIn;
    }

    /** Datagrams sent. */
    public long datagramsOut() {
        return datagramsOut;
    }

    /** Bytes sent. */
    public long bytesOut() {
        return bytesOut;
    }

    /** Every counter by name, in a stable order, for display. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("datagrams.in", datagramsIn);
        m.put("datagrams.out", datagramsOut);
        m.put("bytes.in", bytesIn);
        m.put("bytes.out", bytesOut);
        m.put("requests.sent", requestsSent);
        m.put("requests.served", requestsServed);
        m.put("requests.retransmitted", retransmissions);
        m.put("requests.timed_out", requestTimeouts);
        m.put("dropped.malformed", droppedMalformed);
        m.put("dropped.oversized", droppedOversized);
        m.put("dropped.other_network", droppedOtherNetwork);
        m.put("dropped.unknown_transaction", droppedUnknownTransaction);
        m.put("dropped.from_self", droppedFromSelf);
        m.put("refused.bad_token", badTokens);
        m.put("refused.values", valuesRefused);
        m.put("lookups", lookups);
        m.put("puts.without_lookup", putsWithoutLookup);
        m.put("listen.pushes_sent", pushesSent);
        m.put("listen.pushes_dropped", pushesDropped);
        m.put("listen.copies_skipped", pushCopiesSkipped);
        m.put("listen.refused", listensRefused);
        m.put("listen.refused_by_storers", listensRefusedByStorers);
        m.put("listen.silent_checks", silentKeyChecks);
        m.put("listen.silent_values", silentKeyValues);
        m.put("listen.widened", silentKeyWidened);
        m.put("refused.bad_signature", badSignaturesRefused);
        m.put("discarded.bad_signature", badSignaturesDiscarded);
        m.put("discarded.undecryptable", undecryptableDiscarded);
        m.put("discarded.expired", expiredDiscarded);
        m.put("dropped.rate_limited", requestsRateLimited);
        m.put("replies.bounded", repliesBounded);
        m.put("replies.dropped_over_bound", repliesDroppedOverBound);
        m.put("reassembly.completed", reassembledMessages);
        m.put("reassembly.expired", partialsExpired);
        m.put("reassembly.evicted", partialsEvicted);
        m.put("reassembly.inconsistent", partialsInconsistent);
        m.put("reassembly.duplicate_fragments", fragmentsDuplicate);
        m.put("reassembly.partials_held", partialsHeld);
        m.put("reassembly.bytes_held", partialBytesHeld);
        return m;
    }
}
