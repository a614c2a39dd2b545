package io.rdht.core.udp;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;

/** Real UDP nodes on 127.0.0.1 with ephemeral ports, started for one test and all shut down after it. */
final class LoopbackNodes implements AutoCloseable {

    private final List<DhtNode> nodes = new ArrayList<>();

    /** Starts a node of {@code config} bound to 127.0.0.1 on a free port. */
    DhtNode start(DhtConfig.Builder config) {
        DhtNode n = DhtNode.create(config.bindHost("127.0.0.1").port(0).build())
                .start()
                .block(Duration.ofSeconds(10));
        nodes.add(n);
        return n;
    }

    /** The nodes started and not removed, in order; a test may remove the ones it shut down itself. */
    List<DhtNode> list() {
        return nodes;
    }

    /** Shuts every node in the list down. */
    @Override
    public void close() {
        Flux.fromIterable(nodes).flatMap(DhtNode::shutdown).blockLast(Duration.ofSeconds(10));
    }
}
