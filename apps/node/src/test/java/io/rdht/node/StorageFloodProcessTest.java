package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.storage.StorageLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A node process whose storage is filled by a flood of the smallest values: it stores what its
 * limit allows, refuses the rest, and keeps serving, within a heap of its limit + 72 MiB (the
 * launchers give + 128). Before values were charged what they take in heap, this heap filled at
 * about half the limit and the node stopped answering.
 */
class StorageFloodProcessTest extends ProcessTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How long the flood may take at most, on a loaded machine; a few seconds on a quiet one. */
    private static final Duration FLOOD_LIMIT = Duration.ofSeconds(120);

    private static final int STORAGE_MIB = 24;
    private static final int FLOODERS = 4;
    private static final int VALUES_PER_KEY = 700;
    private static final int REFUSALS_WHEN_FULL = 50;

    @Test
    void aNodeFloodedWithTheSmallestValuesFillsItsStorageRefusesTheRestAndKeepsServing() throws Exception {
        RdhtProcess node = track(RdhtProcess.start(
                config,
                Map.of("RDHT_JAVA_OPTS", "-Xmx96m"),
                "node",
                "--no-state",
                "-p",
                "0",
                "--bind",
                "127.0.0.1",
                "--max-storage-mb",
                Integer.toString(STORAGE_MIB)));
        node.closeInput();
        String address = node.address(START);
        List<DhtNode> flooders = new ArrayList<>();
        AtomicLong stored = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        try {
            for (int f = 0; f < FLOODERS; f++) {
                flooders.add(client("127.0.1." + (f + 1), address));
            }
            long deadline = System.nanoTime() + FLOOD_LIMIT.toNanos();
            Flux.range(0, FLOODERS)
                    .flatMap(f -> untilRefused(f, flooders.get(f), deadline, stored, refused), FLOODERS)
                    .blockLast();
        } finally {
            flooders.forEach(DhtNode::close);
        }

        long fit = (STORAGE_MIB << 20) / StorageLimits.chargeOf(value(1));
        assertThat(refused.get()).as("puts refused once the storage was full").isPositive();
        assertThat(stored.get()).as("values stored of the %,d that fit", fit).isBetween(fit * 9 / 10, fit);
        try (DhtNode user = client("127.0.2.1", address)) {
            assertThat(user.get(keyOf(0, 0)).collectList().block(WAIT))
                    .as("the full node still answers")
                    .hasSize(VALUES_PER_KEY);
        }
        node.terminate();
        assertThat(node.awaitExit(WAIT)).as(node.stderr()).isZero();
    }

    /** Flooder {@code f}'s puts, 32 in flight, until it is refused {@value #REFUSALS_WHEN_FULL} times in a row. */
    private static Mono<Void> untilRefused(
            int f, DhtNode flooder, long deadline, AtomicLong stored, AtomicLong refused) {
        AtomicLong refusedInARow = new AtomicLong();
        return Flux.range(0, Integer.MAX_VALUE)
                .takeWhile(i -> refusedInARow.get() < REFUSALS_WHEN_FULL && System.nanoTime() < deadline)
                .flatMap(
                        i -> flooder.put(keyOf(f, i), value(i + 1))
                                .doOnNext(r -> {
                                    stored.incrementAndGet();
                                    refusedInARow.set(0);
                                })
                                .then()
                                .onErrorResume(DhtException.Rejected.class, e -> {
                                    refused.incrementAndGet();
                                    refusedInARow.incrementAndGet();
                                    return Mono.empty();
                                })
                                .onErrorResume(DhtException.NoReachableNodes.class, e -> Mono.empty()),
                        32)
                .then();
    }

    private static DhtNode client(String host, String bootstrap) {
        return DhtNode.create(DhtConfig.builder()
                        .bindHost(host)
                        .port(0)
                        .bootstrap(bootstrap)
                        .readOnly(true)
                        .build())
                .start()
                .block(WAIT);
    }

    private static InfoHash keyOf(int flooder, int i) {
        return InfoHash.of("flood " + flooder + " " + i / VALUES_PER_KEY);
    }

    private static Value value(long id) {
        return Value.builder().id(id).data(new byte[1]).ttl(Duration.ofHours(1)).build();
    }
}
