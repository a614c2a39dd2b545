package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RequestLimiterTest {

    private static final long T0 = 1_000_000;
    private static final RateLimits LIMITS = new RateLimits(10, 25, false);

    private final RequestLimiter limiter = new RequestLimiter(LIMITS, T0);

    private int allowed(String ip, int port, int requests, long now) {
        int n = 0;
        for (int i = 0; i < requests; i++) {
            if (limiter.allow(new InetSocketAddress(ip, port), now)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void sourceGetsItsBudgetAtOnceThenItsRate() {
        assertThat(allowed("10.0.0.1", 1, 100, T0)).isEqualTo(10);
        assertThat(allowed("10.0.0.1", 1, 100, T0 + 500))
                .as("half a second later")
                .isEqualTo(5);
        assertThat(allowed("10.0.0.1", 2, 100, T0 + 500))
                .as("another port of the same host")
                .isZero();
        assertThat(allowed("10.0.0.2", 1, 100, T0 + 500)).as("another host").isEqualTo(10);
    }

    @Test
    void nodeBudgetBoundsAllSourcesTogetherAndADroppedRequestTakesNothingFromIt() {
        assertThat(allowed("10.0.0.1", 1, 1_000, T0)).isEqualTo(10);
        assertThat(allowed("10.0.0.2", 1, 1_000, T0)).isEqualTo(10);
        assertThat(allowed("10.0.0.3", 1, 1_000, T0))
                .as("what is left of the node's 25")
                .isEqualTo(5);
    }

    @Test
    void loopbackIsNotCountedByDefaultAndEachLoopbackSocketIsASourceWhenItIs() {
        assertThat(allowed("127.0.0.1", 4000, 1_000, T0)).isEqualTo(1_000);
        RequestLimiter counting = new RequestLimiter(LIMITS.withLimitLoopback(true), T0);
        int first = 0;
        int second = 0;
        for (int i = 0; i < 100; i++) {
            first += counting.allow(new InetSocketAddress("127.0.0.1", 4000), T0) ? 1 : 0;
            second += counting.allow(new InetSocketAddress("127.0.0.1", 4001), T0) ? 1 : 0;
        }
        assertThat(first).isEqualTo(10);
        assertThat(second).isEqualTo(10);
    }

    @Test
    void hostsOfOneIpv6SlashSixtyFourShareABudget() {
        assertThat(allowed("2001:db8:0:1::1", 1, 100, T0)).isEqualTo(10);
        assertThat(allowed("2001:db8:0:1::2", 1, 100, T0)).isZero();
        assertThat(allowed("2001:db8:0:2::1", 1, 100, T0)).isEqualTo(10);
    }

    @Test
    void spoofedSourcesNeverGrowTheTableBeyondItsBound() {
        RequestLimiter roomy = new RequestLimiter(new RateLimits(10, 1_000_000, false), T0);
        for (int i = 0; i < 3 * RequestLimiter.MAX_TRACKED_SOURCES; i++) {
            roomy.allow(
                    new InetSocketAddress("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), 1),
                    T0 + i / 1000);
        }
        assertThat(roomy.trackedSources()).isLessThanOrEqualTo(RequestLimiter.MAX_TRACKED_SOURCES);
    }
}
