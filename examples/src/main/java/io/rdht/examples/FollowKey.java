package io.rdht.examples;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.ValueEvent;
import java.time.Duration;

/**
 * Follows a key: starts the first node of a new network and prints every event of
 * {@code listen(key)} as it comes, the values stored so far first.
 *
 * <pre>FollowKey PORT COUNT</pre>
 *
 * <p>Binds 127.0.0.1:PORT (0 for any free port), prints the address others bootstrap from, and
 * leaves the network and exits 0 after COUNT events, or 1 when they have not come within a minute.
 */
public final class FollowKey {

    private FollowKey() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        InfoHash key = InfoHash.of("pollution_level");
        try (DhtNode node = DhtNode.create(DhtConfig.builder().bindHost("127.0.0.1").port(port).build())
                .start()
                .block()) {
            System.out.println("following pollution_level at " + node.address().getPort());
            Long seen = node.listen(key)
                    .doOnNext(FollowKey::print)
                    .take(count)
                    .count()
                    .timeout(Duration.ofMinutes(1))
                    .onErrorReturn(0L)
                    .block();
            System.out.println("saw " + seen + " of " + count + " events");
            // the last event came while this node stored the put that made it, before it answered that
            // put: leaving (rather than exiting at once) lets the answer go out, and hands on the values
            node.leave(Duration.ofSeconds(2)).block();
            System.exit(seen == count ? 0 : 1);
        }
    }

    private static void print(ValueEvent event) {
        String kind = switch (event) {
            case ValueEvent.Added added -> "added";
            case ValueEvent.Updated updated -> "updated";
            case ValueEvent.Expired expired -> "expired";
        };
        String check = event.value().verified() ? "verified" : "unsigned";
        System.out.println(kind + " " + check + " seq " + event.value().seq() + " " + event.value().dataAsText());
    }
}
