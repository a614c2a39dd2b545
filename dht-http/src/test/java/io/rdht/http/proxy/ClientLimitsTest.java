package io.rdht.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-address request buckets and stream counts, on a clock the test moves. */
class ClientLimitsTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final ClientLimits limits = new ClientLimits(nanos::get, 10, 20, 2, 3, 2);

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    @Test
    void aClientMayBurstThenGetsItsRateBack() throws Exception {
        InetAddress a = address(1);
        for (int i = 0; i < 20; i++) {
            assertThat(limits.tryRequest(a)).as("request %d of the burst", i).isTrue();
        }
        assertThat(limits.tryRequest(a)).isFalse();
        assertThat(limits.tryRequest(address(2)))
                .as("another address has its own bucket")
                .isTrue();

        nanos.addAndGet(100_000_000); // 0.1 s: one request at 10 per second
        assertThat(limits.tryRequest(a)).isTrue();
        assertThat(limits.tryRequest(a)).isFalse();
    }

    @Test
    void streamsAreLimitedPerClientAndInAll() throws Exception {
        assertThat(limits.tryOpenStream(address(1))).isEqualTo(ClientLimits.Verdict.OK);
        assertThat(limits.tryOpenStream(address(1))).isEqualTo(ClientLimits.Verdict.OK);
        assertThat(limits.tryOpenStream(address(1))).isEqualTo(ClientLimits.Verdict.CLIENT_LIMIT);
        assertThat(limits.tryOpenStream(address(2))).isEqualTo(ClientLimits.Verdict.OK);
        assertThat(limits.tryOpenStream(address(2))).isEqualTo(ClientLimits.Verdict.GATEWAY_LIMIT);

        limits.closeStream(address(1));

        assertThat(limits.openStreams()).isEqualTo(2);
        assertThat(limits.tryOpenStream(address(2))).isEqualTo(ClientLimits.Verdict.OK);
    }

    @Test
    void pastTheTrackedClientsTheIdleOneWithoutStreamsIsForgotten() throws Exception {
        limits.tryOpenStream(address(1));
        for (int i = 0; i < 20; i++) {
            limits.tryRequest(address(2));
        }
        assertThat(limits.tryRequest(address(2))).isFalse();

        limits.tryRequest(address(3)); // a third address: address 2 (no stream) is forgotten

        assertThat(limits.tryRequest(address(2)))
                .as("forgotten, it starts with a full bucket")
                .isTrue();
        assertThat(limits.tryOpenStream(address(1)))
                .as("address 1 kept its stream")
                .isEqualTo(ClientLimits.Verdict.OK);
        assertThat(limits.tryOpenStream(address(1))).isEqualTo(ClientLimits.Verdict.CLIENT_LIMIT);
    }
}
