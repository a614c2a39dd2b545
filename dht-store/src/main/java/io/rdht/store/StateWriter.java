package io.rdht.store;

import io.rdht.core.NodeInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one writer: gathers the queued changes for a batch window ({@link #WINDOW_MILLIS}
 * after the first one arrives, or until {@link #MAX_BATCH} are queued, or at once when a barrier or
 * a stop asks), coalesces them (the last change of each value wins) and commits them in one SQLite
 * transaction (group commit), then runs the batch's barriers. The value changes of a batch are
 * appended to the {@link ValueLog} as one row, which the log compacts now and then in the
 * transaction of the batch that reaches its bound. Owns the connection from the moment it starts;
 * closes it when told to stop. A failed commit is logged once as an error and the store stops
 * writing, but barriers still run, so the node keeps answering.
 */
final class StateWriter implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StateWriter.class);

    /** Most changes taken from the queue for one transaction. */
    static final int MAX_BATCH = 4096;
    /** Longest a change waits in the queue for others to share its commit. */
    static final long WINDOW_MILLIS = 100;

    private final Path file;
    private final Connection connection;
    private final BlockingQueue<Change> queue;
    private final long windowNanos;
    private final ValueLog values;
    private final PreparedStatement saveMeta;
    private final PreparedStatement addContact;
    private volatile boolean hurry;
    private boolean failed;

    /** A writer on {@code connection}, whose value log held {@code saved} when the store was opened. */
    StateWriter(
            Path file, Connection connection, BlockingQueue<Change> queue, long windowMillis, ValueLog.Contents saved)
            throws SQLException {
        this.file = file;
        this.connection = connection;
        this.queue = queue;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
        this.values = new ValueLog(connection, saved);
        this.saveMeta = connection.prepareStatement("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)");
        this.addContact =
                connection.prepareStatement("INSERT OR REPLACE INTO contact (id, address, port)" + " VALUES (?, ?, ?)");
    }

    /**
     * Ends the current batch window early: called, with the writer's thread unparked, after a
     * barrier or a stop is queued, or when a full batch is waiting.
     */
    void hurry(Thread writerThread) {
        hurry = true;
        LockSupport.unpark(writerThread);
    }

    @Override
    public void run() {
        Batch batch = new Batch();
        List<Change> drained = new ArrayList<>();
        boolean behind = false;
        boolean stop = false;
        while (!stop) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // only close() stops the writer, with a Stop change; an interrupt is not ours
                Thread.currentThread().interrupt();
                log.warn("state writer for {} interrupted; committing what is queued and stopping", file);
                batch.add(new Change.Stop());
            }
            if (!behind && !batch.urgent()) {
                awaitWindow(System.nanoTime() + windowNanos);
            }
            hurry = false;
            drained.clear();
            queue.drainTo(drained, MAX_BATCH - batch.taken());
            batch.addAll(drained);
            // a full batch leaves more behind: the next one is due at once, not after another window
            behind = batch.taken() >= MAX_BATCH;
            stop = batch.stop() || Thread.currentThread().isInterrupted();
            commit(batch);
            batch.barriers().forEach(b -> b.done().run());
        }
        close();
    }

    /** Parks until {@code deadline} (of {@link System#nanoTime}) or until told to hurry. */
    private void awaitWindow(long deadline) {
        for (long left = deadline - System.nanoTime();
                left > 0 && !hurry && !Thread.currentThread().isInterrupted();
                left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }

    private void commit(Batch batch) {
        List<Change> meta = batch.metaWrites();
        List<Change> valueChanges = batch.valueWrites();
        if (failed || (meta.isEmpty() && valueChanges.isEmpty())) {
            return;
        }
        try {
            for (Change c : meta) {
                apply(c);
            }
            values.append(valueChanges);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            // a change the database refuses must not stop the barriers: the node would stop answering
            failed = true;
            log.error(
                    "the state in {} can no longer be saved ({}); the node goes on without saving",
                    file,
                    e.getMessage());
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is broken already; the error above said so
            }
        }
    }

    private void apply(Change change) throws SQLException {
        switch (change) {
            case Change.NodeId n -> {
                saveMeta.setString(1, "node_id");
                saveMeta.setBytes(2, n.id().toBytes());
                saveMeta.executeUpdate();
            }
            case Change.Contacts cs -> {
                try (Statement s = connection.createStatement()) {
                    s.executeUpdate("DELETE FROM contact");
                }
                for (NodeInfo n : cs.contacts()) {
                    addContact.setBytes(1, n.id().toBytes());
                    addContact.setBytes(2, n.address().getAddress().getAddress());
                    addContact.setInt(3, n.address().getPort());
                    addContact.executeUpdate();
                }
            }
            default -> throw new IllegalArgumentException("not a change of the node id or contacts: " + change);
        }
    }

    private void close() {
        // closing the last connection checkpoints the write-ahead log into the database file
        StateDatabase.closeQuietly(connection);
    }
}
