package io.rdht.core.engine;

/**
 * A token bucket: refills at a fixed rate up to its capacity, and each event takes a token or is
 * refused. Time is passed in, in milliseconds.
 */
final class TokenBucket {

    private final double perMillis;
    private final double capacity;
    private double tokens;
    private long filledAtMillis;

    /** A full bucket of {@code perSecond} tokens that refills at {@code perSecond} tokens a second. */
    TokenBucket(int perSecond, long nowMillis) {
        this.perMillis = perSecond / 1000.0;
        this.capacity = perSecond;
        this.tokens = perSecond;
        this.filledAtMillis = nowMillis;
    }

    /** Takes a token if there is one. */
    boolean take(long nowMillis) {
        refill(nowMillis);
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }

    /** True if the bucket has refilled to capacity by {@code nowMillis}: forgetting it changes nothing. */
    boolean isFull(long nowMillis) {
        refill(nowMillis);
        return tokens >= capacity;
    }

    private void refill(long nowMillis) {
        if (nowMillis > filledAtMillis) {
            tokens = Math.min(capacity, tokens + (nowMillis - filledAtMillis) * perMillis);
            filledAtMillis = nowMillis;
        }
    }
}
