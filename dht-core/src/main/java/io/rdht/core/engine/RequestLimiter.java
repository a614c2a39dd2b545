package io.rdht.core.engine;

import io.rdht.core.routing.Source;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether a request is served under the {@link RateLimits}: one token bucket per {@link
 * Source} and one for the node. A request refused by its source's bucket takes nothing from the
 * node's, so one flooding source cannot use up the budget of everyone else.
 *
 * <p>Threat-model note: spoofed source addresses could make the table of buckets grow without
 * bound, so it keeps at most {@link #MAX_TRACKED_SOURCES}: at that size, buckets that have refilled
 * (which say nothing a new bucket would not) are dropped, then the least recently used until three
 * quarters are left. A
 * source that falls out gets a fresh bucket, so spoofing many addresses buys at most the node's
 * budget, which is the bound that holds in any case.
 */
final class RequestLimiter {

    /** Most sources tracked at once. */
    static final int MAX_TRACKED_SOURCES = 16_384;

    private final RateLimits limits;
    private final TokenBucket node;
    /** In access order: the first entry is the source heard from least recently. */
    private final LinkedHashMap<Source, TokenBucket> sources = new LinkedHashMap<>(64, 0.75f, true);

    RequestLimiter(RateLimits limits, long nowMillis) {
        this.limits = limits;
        this.node = new TokenBucket(limits.perNodePerSecond(), nowMillis);
    }

    /** True if a request from {@code from} may be served now; false if it must be dropped. */
    boolean allow(InetSocketAddress from, long nowMillis) {
        Source source = Source.of(from);
        if (source.isLoopback() && !limits.limitLoopback()) {
            return true;
        }
        TokenBucket bucket = sources.get(source);
        if (bucket == null) {
            makeRoom(nowMillis);
            bucket = new TokenBucket(limits.perSourcePerSecond(), nowMillis);
            sources.put(source, bucket);
        }
        return bucket.take(nowMillis) && node.take(nowMillis);
    }

    /** Sources tracked now. */
    int trackedSources() {
        return sources.size();
    }

    private void makeRoom(long nowMillis) {
        if (sources.size() < MAX_TRACKED_SOURCES) {
            return;
        }
        sources.values().removeIf(b -> b.isFull(nowMillis));
        // Down to three quarters, so that the next sweep is thousands of new sources away.
        Iterator<Map.Entry<Source, TokenBucket>> leastRecent =
                sources.entrySet().iterator();
        while (sources.size() > MAX_TRACKED_SOURCES * 3 / 4 && leastRecent.hasNext()) {
            leastRecent.next();
            leastRecent.remove();
        }
    }
}
