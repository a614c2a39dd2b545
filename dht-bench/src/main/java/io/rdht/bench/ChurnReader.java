package io.rdht.bench;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The churn benchmark's reader: an rdht node in this JVM that joins the network of processes like
 * any other node and times one operation at a time, as a user's console would see it: a get's
 * first value and its completion, a put's completion and storers, a new listen's first event.
 * Times are read on the node's thread as each signal arrives.
 */
final class ChurnReader implements AutoCloseable {

    /** Longest an operation may take; past it, it counts as failed ("timeout"). */
    static final Duration OP_TIMEOUT = Duration.ofSeconds(15);

    private final DhtNode node;

    private ChurnReader(DhtNode node) {
        this.node = node;
    }

    /** Starts a node on 127.0.0.1 that joins through {@code bootstrap} ({@code host:port}). */
    static ChurnReader join(String bootstrap) {
        DhtNode node = DhtNode.create(DhtConfig.builder()
                        .bindHost("127.0.0.1")
                        .port(0)
                        .bootstrap(bootstrap)
                        .build())
                .start()
                .block(Duration.ofSeconds(60));
        return new ChurnReader(node);
    }

    /**
     * A get of {@code key}; ok if exactly {@code expected} came, even if the lookup then failed
     * (the error says so).
     */
    Timing get(String key, String expected) {
        long start = System.nanoTime();
        AtomicLong first = new AtomicLong(-1);
        List<String> found = new CopyOnWriteArrayList<>();
        String error = "";
        try {
            node.get(InfoHash.of(key))
                    .doOnNext(v -> {
                        first.compareAndSet(-1, System.nanoTime());
                        found.add(v.dataAsText());
                    })
                    .blockLast(OP_TIMEOUT);
        } catch (DhtException | IllegalStateException e) {
            error = Timing.why(e);
        }
        double done = error.equals(Timing.TIMEOUT) ? Double.NaN : millis(start, System.nanoTime());
        boolean right = found.equals(List.of(expected));
        return new Timing(
                millis(start, first.get()), done, right, 0, right ? error : (error + " found " + found).strip());
    }

    /** A put of {@code text} under {@code key}; ok once stored, with its storers. */
    Timing put(String key, String text) {
        long start = System.nanoTime();
        try {
            PutResult r = node.put(InfoHash.of(key), Value.of(text)).block(OP_TIMEOUT);
            double done = millis(start, System.nanoTime());
            return new Timing(Double.NaN, done, true, r.storers().size(), "");
        } catch (DhtException | IllegalStateException e) {
            return Timing.failed(Double.NaN, e);
        }
    }

    /** A new listen on {@code key}, until its first event; ok if that event is {@code expected}, added. */
    Timing listen(String key, String expected) {
        long start = System.nanoTime();
        try {
            ValueEvent e = node.listen(InfoHash.of(key)).next().block(OP_TIMEOUT);
            double first = millis(start, System.nanoTime());
            boolean right =
                    e instanceof ValueEvent.Added a && a.value().dataAsText().equals(expected);
            return new Timing(first, Double.NaN, right, 0, right ? "" : "first event " + e);
        } catch (DhtException | IllegalStateException e) {
            return Timing.failed(Double.NaN, e);
        }
    }

    @Override
    public void close() {
        node.close();
    }

    private static double millis(long start, long end) {
        return end < 0 ? Double.NaN : (end - start) / 1e6;
    }

    /**
     * What one operation took.
     *
     * @param firstMs to the first value or event, NaN if none
     * @param doneMs  to completion, NaN if it did not complete
     * @param ok      whether it did what it should
     * @param storers nodes that stored a put
     * @param error   why not, or empty
     */
    record Timing(double firstMs, double doneMs, boolean ok, int storers, String error) {
        static final String TIMEOUT = "timeout";

        static Timing failed(double firstMs, RuntimeException e) {
            return new Timing(firstMs, Double.NaN, false, 0, why(e));
        }

        static String why(RuntimeException e) {
            // block/blockLast throw IllegalStateException when the timeout passes
            return e instanceof DhtException ? e.getClass().getSimpleName() + ": " + e.getMessage() : TIMEOUT;
        }
    }
}
