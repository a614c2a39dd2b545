package io.rdht.bench;

import io.rdht.store.SqliteStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The state stores of a persisting cluster: one temporary directory per node, all deleted on close. */
final class StateDirectories implements AutoCloseable {

    private final Path root;
    private final List<SqliteStateStore> stores = new ArrayList<>();

    StateDirectories() {
        try {
            root = Files.createTempDirectory("rdht-bench-state");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the nodes' state", e);
        }
    }

    /** A fresh store in a directory of its own. */
    SqliteStateStore open() {
        SqliteStateStore store = SqliteStateStore.open(root.resolve("node-" + stores.size()));
        stores.add(store);
        return store;
    }

    /**
     * Waits until every change made so far to any of the stores is durable, at most {@code limit};
     * each store commits what it has queued at once rather than at the end of its batch window.
     *
     * @return whether every store was durable within the limit
     */
    boolean awaitDurable(Duration limit) throws InterruptedException {
        CountDownLatch durable = new CountDownLatch(stores.size());
        stores.forEach(store -> store.whenDurable(durable::countDown));
        return durable.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes every store (their nodes must be shut down) and deletes the directories. */
    @Override
    public void close() {
        stores.forEach(SqliteStateStore::close);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the nodes' state in " + root, e);
        }
    }
}
