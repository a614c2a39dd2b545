package io.rdht.bench;

import io.rdht.store.SqliteStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
