package io.rdht.examples;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.time.Duration;
import reactor.core.Disposable;

/**
 * The README's listen example, line for line (examples/check compares them): two nodes on
 * 127.0.0.1:4242 and a free port; the second puts, the first hears it.
 */
public final class ReadmeListen {

    private ReadmeListen() {}

    public static void main(String[] args) {
        DhtNode a = DhtNode.create(DhtConfig.builder().bindHost("127.0.0.1").port(4242).build()).start().block();
        DhtNode b = DhtNode.create(DhtConfig.builder().bindHost("127.0.0.1").bootstrap("127.0.0.1:4242").build())
                .start().block();
        InfoHash key = InfoHash.of("pollution_level");
        Disposable following = a.listen(key)
                .subscribe(e -> System.out.println(e.getClass().getSimpleName() + " " + e.value().dataAsText()));
        b.put(key, Value.builder().text("{\"lvl_percent\":39}").ttl(Duration.ofMinutes(1)).build()).block();
        // prints: Added {"lvl_percent":39} — and Expired {"lvl_percent":39} a minute later
        following.dispose();                                   // cancels the remote listens at once
        a.close();
        b.close();
    }
}
