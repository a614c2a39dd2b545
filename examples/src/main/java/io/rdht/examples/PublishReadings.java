package io.rdht.examples;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.crypto.Identity;
import java.time.Duration;

/**
 * Publishes signed readings as a pollution sensor does: one value of the sensor's own, edited
 * with each reading, so followers see it added, then updated.
 *
 * <pre>PublishReadings HOST:PORT COUNT</pre>
 */
public final class PublishReadings {

    private PublishReadings() {}

    public static void main(String[] args) {
        String bootstrap = args[0];
        int count = Integer.parseInt(args[1]);
        Identity sensor = Identity.generate();
        InfoHash key = InfoHash.of("pollution_level");
        DhtConfig config = DhtConfig.builder().bindHost("127.0.0.1").bootstrap(bootstrap).identity(sensor).build();
        try (DhtNode node = DhtNode.create(config).start().block()) {
            long valueId = 0x5e750;
            for (int i = 0; i < count; i++) {
                String reading = "{\"lvl_percent\":" + (30 + i) + ",\"lat\":39.093214,\"long\":125.688883}";
                Value value = Value.builder()
                        .id(valueId)
                        .text(reading)
                        .ttl(Duration.ofMinutes(5))
                        .build();
                PutResult result = node.putSigned(key, value).block(Duration.ofSeconds(10));
                System.out.println("published " + reading + " on " + result.storers().size() + " nodes");
            }
            // hands on what this node stores for others and tells its contacts, so nobody waits for it
            node.leave(Duration.ofSeconds(2)).block();
        }
    }
}
