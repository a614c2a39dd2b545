package io.rdht.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stats' request rate, on a clock the test moves. */
class RequestRateTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong nanos = new AtomicLong(5 * SECOND);
    private final RequestRate rate = new RequestRate(nanos::get);

    @Test
    void theRateIsAveragedOverTheLastMinuteOrSinceTheStart() {
        for (int i = 0; i < 30; i++) {
            rate.count();
        }
        assertThat(rate.perSecond()).as("30 requests in the first second").isEqualTo(30.0);

        nanos.addAndGet(9 * SECOND);
        assertThat(rate.perSecond()).as("the same 30 over 10 s").isEqualTo(3.0);

        nanos.addAndGet(RequestRate.WINDOW_SECONDS * SECOND);
        rate.count();
        assertThat(rate.perSecond())
                .as("the first 30 have left the window")
                .isEqualTo(1.0 / RequestRate.WINDOW_SECONDS);
    }
}
