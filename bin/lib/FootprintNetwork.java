import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A network of N nodes on 127.0.0.1 in one JVM, for bin/footprint: the first on PORT, the others
 * on the ports after it, each joining through the first. Prints "ready" once all have started,
 * then runs until its standard input ends or it is killed (at most MINUTES minutes).
 *
 * <pre>java -cp rdht.jar bin/lib/FootprintNetwork.java N PORT MINUTES</pre>
 */
public final class FootprintNetwork {
    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        int port = Integer.parseInt(args[1]);
        long minutes = Long.parseLong(args[2]);
        List<DhtNode> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            DhtConfig.Builder config = DhtConfig.builder().bindHost("127.0.0.1").port(port + i);
            if (i > 0) {
                config.bootstrap("127.0.0.1:" + port);
            }
            nodes.add(DhtNode.create(config.build()).start().block(Duration.ofSeconds(10)));
        }
        System.out.println("ready");
        System.out.flush();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for the end of input
                }
            } catch (java.io.IOException e) {
                // treated as the end of input
            }
        });
        reader.join(Duration.ofMinutes(minutes));
        for (DhtNode node : nodes) {
            node.close();
        }
        System.exit(0);
    }
}
