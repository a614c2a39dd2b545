package io.rdht.sim;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import java.util.function.Consumer;

/** Puts by the probes, from a random live node, each timed to its result and its storers counted. */
final class Puts {

    private Puts() {}

    /**
     * Puts {@code value} under {@code key} from a random live node and records in {@code times}
     * how long the put took and, when it succeeded, how many storers it named; a put whose node
     * crashed on the way is not recorded. Then hands the outcome on.
     */
    static void timed(
            EventLoop loop,
            Population population,
            OperationTimes times,
            InfoHash key,
            Value value,
            Consumer<PutResult> onStored,
            Consumer<Throwable> onError) {
        DhtNode from = population.randomAlive();
        long started = loop.nowMillis();
        from.put(key, value)
                .subscribe(
                        result -> {
                            if (population.isAlive(from)) {
                                times.putComplete.add(started, loop.nowMillis() - started);
                                times.putStorers.add(started, result.storers().size());
                            }
                            onStored.accept(result);
                        },
                        error -> {
                            if (population.isAlive(from)) {
                                times.putComplete.add(started, loop.nowMillis() - started);
                            }
                            onError.accept(error);
                        });
    }
}
