package io.rdht.examples;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Gets a key's values with a deadline and handles each way it can fail.
 *
 * <pre>GetWithTimeout HOST:PORT KEY</pre>
 *
 * <p>Exits 0 when values were found, 1 when none were, 3 when no node answered, 4 on the
 * deadline.
 */
public final class GetWithTimeout {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private GetWithTimeout() {}

    public static void main(String[] args) {
        InfoHash key = InfoHash.of(args[1]);
        DhtConfig config = DhtConfig.builder().bindHost("127.0.0.1").bootstrap(args[0]).build();
        try (DhtNode node = DhtNode.create(config).start().block()) {
            List<Value> values = node.get(key).collectList().timeout(TIMEOUT).block();
            values.forEach(v -> System.out.println("found " + v.dataAsText()));
            System.exit(values.isEmpty() ? 1 : 0);
        } catch (DhtException e) {
            System.out.println("failed: " + explain(e));
            System.exit(e instanceof DhtException.NoReachableNodes ? 3 : 2);
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof TimeoutException)) {
                throw e;
            }
            System.out.println("failed: no answer within " + TIMEOUT.toSeconds() + " s");
            System.exit(4);
        }
    }

    private static String explain(DhtException failure) {
        return switch (failure) {
            case DhtException.NoReachableNodes e -> "no node of the network answered";
            case DhtException.NodeClosed e -> "the node closed";
            case DhtException.StartFailed e -> "could not bind: " + e.getMessage();
            default -> failure.getMessage();
        };
    }
}
