package io.rdht.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UdpTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * A loop that stalled finds datagrams waiting in its socket and, in its task queue, the timers
     * that came due meanwhile; the datagrams are the replies those timers wait for, so they are read
     * first, all of them, and the timers then find their requests answered instead of re-sending.
     */
    @Test
    void aBacklogOfDatagramsIsReadInOneTurnBeforeATaskQueuedDuringTheReadRuns() throws Exception {
        // well above the 16 a turn once read, well within a default receive buffer (net.core.rmem_max 208 KiB)
        int backlog = 100;
        AtomicInteger received = new AtomicInteger();
        AtomicInteger receivedWhenTheTaskRan = new AtomicInteger(-1);
        AtomicReference<Endpoint> endpoint = new AtomicReference<>();
        endpoint.set(UdpTransport.shared()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), (datagram, from) -> {
                    if (received.incrementAndGet() == 1) {
                        // stands for a re-send timer that came due while the datagrams waited
                        endpoint.get().execute(() -> receivedWhenTheTaskRan.set(received.get()));
                    }
                })
                .block(WAIT));
        try {
            CountDownLatch stalled = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            endpoint.get().execute(() -> {
                stalled.countDown();
                awaitQuietly(release);
            });
            assertThat(stalled.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            try (DatagramSocket sender =
                    new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                byte[] datagram = new byte[64];
                for (int i = 0; i < backlog; i++) {
                    // on loopback a send returns once the datagram is in the receiving socket's buffer
                    sender.send(new DatagramPacket(
                            datagram, datagram.length, endpoint.get().localAddress()));
                }
            }
            release.countDown();

            await().atMost(WAIT).until(() -> receivedWhenTheTaskRan.get() >= 0);
            assertThat(receivedWhenTheTaskRan.get()).isEqualTo(backlog);
            assertThat(received.get()).isEqualTo(backlog);
        } finally {
            endpoint.get().close().block(WAIT);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
