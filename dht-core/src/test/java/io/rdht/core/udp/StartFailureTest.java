package io.rdht.core.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** {@link DhtNode#start()} on a UDP port another socket holds ends with StartFailed, naming the address. */
class StartFailureTest {

    @Test
    void startOnAPortAlreadyTakenFailsWithStartFailedNamingTheAddress() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            DhtNode node = DhtNode.create(DhtConfig.builder()
                    .bindHost("127.0.0.1")
                    .port(taken.getLocalPort())
                    .build());

            StepVerifier.create(node.start())
                    .expectErrorSatisfies(e -> assertThat(e)
                            .isInstanceOfSatisfying(
                                    DhtException.StartFailed.class,
                                    f -> assertThat(f.address().getPort()).isEqualTo(taken.getLocalPort())))
                    .verify(Duration.ofSeconds(10));
            StepVerifier.create(node.start())
                    .expectError(DhtException.StartFailed.class)
                    .verify(Duration.ofSeconds(10));
            node.close();
        }
    }
}
