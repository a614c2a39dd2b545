package io.rdht.core.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** The README's listen example, as written there but on a free port and with a short TTL. */
class ReadmeListenExampleTest {

    @Test
    void readmeListenExamplePrintsAddedThenExpired() {
        DhtNode a = DhtNode.create(
                        DhtConfig.builder().bindHost("127.0.0.1").port(0).build())
                .start()
                .block();
        DhtNode b = DhtNode.create(DhtConfig.builder()
                        .bindHost("127.0.0.1")
                        .bootstrap("127.0.0.1:" + a.address().getPort())
                        .build())
                .start()
                .block();
        InfoHash key = InfoHash.of("pollution_level");
        List<String> printed = new CopyOnWriteArrayList<>();
        Disposable following = a.listen(key)
                .subscribe(e -> printed.add(
                        e.getClass().getSimpleName() + " " + e.value().dataAsText()));
        b.put(
                        key,
                        Value.builder()
                                .text("{\"lvl_percent\":39}")
                                .ttl(Duration.ofSeconds(2))
                                .build())
                .block();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> printed.size() == 2);
        assertThat(printed).containsExactly("Added {\"lvl_percent\":39}", "Expired {\"lvl_percent\":39}");
        following.dispose();
        a.close();
        b.close();
    }
}
