package io.rdht.core.listen;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ListenerRegistryTest {

    private static final long T0 = 1_000_000;
    private static final ListenLimits LIMITS = new ListenLimits(3, 4, 6, 120_000);
    private static final InfoHash KEY = InfoHash.of("pollution_level");

    private final SplittableRandom random = new SplittableRandom(5);
    private final ListenerRegistry registry = new ListenerRegistry(LIMITS);

    private NodeInfo listener(String ip, int port) {
        return new NodeInfo(InfoHash.random(random), new InetSocketAddress(ip, port));
    }

    @Test
    void registeredListenIsHeldUntilItsTimeAndRefreshMovesItOn() {
        NodeInfo l = listener("10.0.0.1", 1);
        assertThat(registry.register(KEY, l, 42, T0)).isEmpty();
        assertThat(registry.listeners(KEY, T0 + 119_999)).hasSize(1);
        assertThat(registry.register(KEY, l, 42, T0 + 100_000)).isEmpty();
        assertThat(registry.size()).isEqualTo(1);
        assertThat(registry.listeners(KEY, T0 + 219_999)).hasSize(1);
        assertThat(registry.listeners(KEY, T0 + 220_000)).isEmpty();
        assertThat(registry.size()).isZero();
    }

    @Test
    void cancelFreesTheListenAtOnce() {
        NodeInfo l = listener("10.0.0.1", 1);
        registry.register(KEY, l, 42, T0);
        assertThat(registry.cancel(KEY, l.address(), 41)).isFalse();
        assertThat(registry.cancel(KEY, l.address(), 42)).isTrue();
        assertThat(registry.size()).isZero();
        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void floodFromOneAddressStopsAtThePerSourceLimit() {
        for (int i = 0; i < 4; i++) {
            assertThat(registry.register(InfoHash.of("k" + i), listener("10.0.0.9", 1000 + i), i, T0))
                    .isEmpty();
        }
        assertThat(registry.register(InfoHash.of("k9"), listener("10.0.0.9", 2000), 9, T0))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("10.0.0.9").contains("4"));
        assertThat(registry.register(InfoHash.of("k9"), listener("10.0.0.8", 2000), 9, T0))
                .isEmpty();
        assertThat(registry.size()).isEqualTo(5);
    }

    @Test
    void eachLoopbackSocketIsASourceOfItsOwnSoOneLocalNodeCannotUseUpAnothersShare() {
        for (int i = 0; i < 4; i++) {
            assertThat(registry.register(InfoHash.of("k" + i), listener("127.0.0.1", 4000), i, T0))
                    .isEmpty();
        }
        assertThat(registry.register(InfoHash.of("k9"), listener("127.0.0.1", 4000), 9, T0))
                .hasValueSatisfying(reason -> assertThat(reason).contains("127.0.0.1:4000"));
        assertThat(registry.register(InfoHash.of("k9"), listener("127.0.0.1", 4001), 9, T0))
                .as("another node on this machine")
                .isEmpty();
    }

    @Test
    void perKeyAndTotalLimitsRefuseAndChangeNothing() {
        for (int i = 0; i < 3; i++) {
            assertThat(registry.register(KEY, listener("10.0.1." + i, 1), i, T0))
                    .isEmpty();
        }
        assertThat(registry.register(KEY, listener("10.0.2.1", 1), 7, T0)).isPresent();
        for (int i = 0; i < 3; i++) {
            assertThat(registry.register(InfoHash.of("other" + i), listener("10.0.3." + i, 1), i, T0))
                    .isEmpty();
        }
        assertThat(registry.register(InfoHash.of("more"), listener("10.0.4.1", 1), 1, T0))
                .hasValueSatisfying(reason -> assertThat(reason).contains("most listens"));
        assertThat(registry.size()).isEqualTo(6);
    }

    @Test
    void expireForgetsStaleListensAndReleasesTheirSources() {
        for (int i = 0; i < 4; i++) {
            registry.register(InfoHash.of("k" + i), listener("10.0.0.9", 1000 + i), i, T0);
        }
        assertThat(registry.expire(T0 + 120_000)).isEqualTo(4);
        assertThat(registry.register(KEY, listener("10.0.0.9", 1), 1, T0 + 120_000))
                .isEmpty();
    }
}
