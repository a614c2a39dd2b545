package io.rdht.core.engine;

/**
 * How many requests a node serves per second, from one {@link io.rdht.core.routing.Source} and in all;
 * requests over either budget are counted and dropped unanswered. Each budget is a token bucket
 * that holds one second's worth, so a source may send a burst of its whole per-second budget at
 * once. See docs/SECURITY.md.
 *
 * @param perSourcePerSecond requests served per second from one source (OpenDHT: 1,024 per IP)
 * @param perNodePerSecond   requests served per second in all (OpenDHT: 8,192)
 * @param limitLoopback      whether requests from loopback addresses count; off by default, since
 *                           on one machine tests, benchmarks and the demo run many nodes that talk
 *                           at full speed over 127.0.0.1, and a local process can stop a node in
 *                           simpler ways than a flood. When on, each loopback socket is a source of
 *                           its own
 */
public record RateLimits(int perSourcePerSecond, int perNodePerSecond, boolean limitLoopback) {

    /** Checks both budgets. */
    public RateLimits {
        if (perSourcePerSecond < 1 || perNodePerSecond < perSourcePerSecond) {
            throw new IllegalArgumentException("need 1 ≤ perSourcePerSecond ≤ perNodePerSecond, got "
                    + perSourcePerSecond + ", " + perNodePerSecond);
        }
    }

    /** 1,024 requests per second per source, 8,192 per node (OpenDHT's budgets); loopback not counted. */
    public static RateLimits defaults() {
        return new RateLimits(1024, 8192, false);
    }

    /** A copy that counts loopback sources too, or stops counting them. */
    public RateLimits withLimitLoopback(boolean limit) {
        return new RateLimits(perSourcePerSecond, perNodePerSecond, limit);
    }
}
