package io.rdht.store;

import io.rdht.core.DhtConfig;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.ValueIdentity;
import io.rdht.core.internal.InternalConfig;
import io.rdht.core.state.SavedState;
import io.rdht.core.state.SavedValue;
import io.rdht.core.state.StateStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's state in a directory (created readable by its owner only): one SQLite database,
 * {@code state.db}, in write-ahead log mode, and a {@code lock} file that keeps a second node off
 * the same directory.
 *
 * <p>Writes are queued (at most {@link #QUEUE_CAPACITY} changes; past that the node thread waits
 * for the disk) and committed by one writer thread in batches, one transaction each: a batch holds
 * what was queued within {@value StateWriter#WINDOW_MILLIS} ms of its first change, or up to
 * {@value StateWriter#MAX_BATCH} changes, whichever comes first, and of several changes to one
 * value only the last is written. So a change is durable at most about
 * {@value StateWriter#WINDOW_MILLIS} ms after it was made (plus the commit's own time), and a kill
 * loses at most that window. {@link #whenDurable} ends the window at once and runs its task after
 * the commit that holds every change queued before it. A commit is in the operating system when it
 * returns, so it survives a crash of the process; the file is synced at each write-ahead log
 * checkpoint, and SQLite's log keeps it consistent across a power loss.
 *
 * <p>Values are kept by key and {@linkplain io.rdht.core.ValueIdentity identity} (id and owner), in
 * schema version 4, as a log of batches of changes compacted now and then (see {@code ValueLog});
 * files of versions 1 to 3 are upgraded when opened (see {@code StateDatabase}). A
 * state file that cannot be read (not SQLite, truncated, failing SQLite's integrity check, of an
 * unknown schema version, or failing its migration) is moved aside as
 * {@code state.db.broken-<time>} with a warning, and the node starts with a fresh state.
 */
public final class SqliteStateStore implements StateStore {

    private static final Logger log = LoggerFactory.getLogger(SqliteStateStore.class);

    /** The database file in a state directory. */
    public static final String DATABASE = "state.db";
    /** Most changes queued for the writer before the node thread waits. */
    public static final int QUEUE_CAPACITY = 100_000;

    private static final String LOCK = "lock";
    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final SavedState saved;
    private final BlockingQueue<Change> queue;
    private final StateWriter writer;
    private final Thread writerThread;
    private final FileChannel lockChannel;
    private volatile boolean closed;

    private SqliteStateStore(
            Path directory,
            SavedState saved,
            BlockingQueue<Change> queue,
            StateWriter writer,
            FileChannel lockChannel) {
        this.directory = directory;
        this.saved = saved;
        this.queue = queue;
        this.lockChannel = lockChannel;
        this.writer = writer;
        this.writerThread =
                Thread.ofPlatform().name("rdht-state-writer").daemon().unstarted(writer);
    }

    /**
     * Opens the state in {@code directory}, creating the directory (owner-only) and a fresh state if
     * there is none, and reads it. A state that cannot be read is moved aside and replaced by a
     * fresh one.
     *
     * @throws StateStoreException if the directory cannot be created or written, or another node
     *                             holds it
     */
    public static SqliteStateStore open(Path directory) {
        return open(directory, Clock.systemUTC(), StateWriter.WINDOW_MILLIS);
    }

    /**
     * Makes the node {@code builder} configures keep its state in this store. The node does not
     * close the store: close it after the node.
     *
     * @return {@code builder}
     */
    public DhtConfig.Builder keepStateOf(DhtConfig.Builder builder) {
        // the state contract is inside dht-core (package io.rdht.core.state, not exported)
        return InternalConfig.stateStore(builder, this);
    }

    static SqliteStateStore open(Path directory, Clock clock, long windowMillis) {
        Objects.requireNonNull(directory, "directory");
        FileChannel channel = null;
        try {
            createOwnerOnly(directory);
            channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (lockOf(channel) == null) {
                throw new StateStoreException(
                        directory, "state directory " + directory + " is in use by another running node", null);
            }
            Path file = directory.resolve(DATABASE);
            Connection c;
            StateReader.Read read;
            try {
                c = StateDatabase.open(file);
                read = readOrClose(c);
            } catch (CorruptStateException e) {
                Path aside = moveAside(file, clock);
                log.warn(
                        "state in {} is unreadable ({}); moved aside to {}, starting with a fresh state",
                        file,
                        e.getMessage(),
                        aside.getFileName());
                c = StateDatabase.open(file);
                read = readOrClose(c);
            }
            SavedState saved = read.state();
            BlockingQueue<Change> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
            SqliteStateStore store = new SqliteStateStore(
                    directory, saved, queue, writerOrClose(file, c, queue, windowMillis, read.values()), channel);
            store.writerThread.start();
            log.info(
                    "state in {}: {} saved, {} contacts, {} values",
                    directory,
                    saved.nodeId().map(id -> "node " + id.shortHex()).orElse("no node id"),
                    saved.contacts().size(),
                    saved.values().size());
            return store;
        } catch (IOException | SQLException | CorruptStateException e) {
            closeQuietly(channel);
            throw new StateStoreException(
                    directory, "cannot use state directory " + directory + ": " + e.getMessage(), e);
        } catch (StateStoreException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The state directory. */
    public Path directory() {
        return directory;
    }

    @Override
    public SavedState saved() {
        return saved;
    }

    @Override
    public void saveNodeId(InfoHash id) {
        enqueue(new Change.NodeId(id));
    }

    @Override
    public void saveValue(SavedValue value) {
        enqueue(new Change.Save(value));
    }

    @Override
    public void removeValue(InfoHash key, ValueIdentity identity) {
        enqueue(new Change.Remove(key, identity));
    }

    @Override
    public void saveContacts(List<NodeInfo> contacts) {
        enqueue(new Change.Contacts(List.copyOf(contacts)));
    }

    /**
     * Runs {@code done} once every change made before this call is durable, ending the current
     * batch window at once. It runs on the writer's thread, or on the caller's at once if the store
     * is closed; it runs even if the store failed (the store has then said so in its log).
     */
    public void whenDurable(Runnable done) {
        if (closed || !enqueue(new Change.Barrier(done))) {
            done.run();
            return;
        }
        writer.hurry(writerThread);
    }

    /**
     * Commits what is queued, stops the writer (waiting at most ten seconds), closes the database
     * and releases the directory. Later changes are ignored.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(new Change.Stop());
            writer.hurry(writerThread);
            if (!writerThread.join(Duration.ofSeconds(CLOSE_WAIT_SECONDS))) {
                log.warn("state writer for {} did not finish within {} s", directory, CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(lockChannel);
        }
    }

    /** Queues {@code change}, waiting for room; false if the store is closed. */
    private boolean enqueue(Change change) {
        if (closed) {
            return false;
        }
        try {
            // waits only when the disk is far behind: better a slow node than one that grows without bound
            queue.put(change);
            // with the change the writer took to open its window, a full batch is waiting
            if (queue.size() + 1 >= StateWriter.MAX_BATCH) {
                writer.hurry(writerThread);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static StateReader.Read readOrClose(Connection c) throws CorruptStateException {
        try {
            return StateReader.read(c);
        } catch (CorruptStateException e) {
            StateDatabase.closeQuietly(c);
            throw e;
        }
    }

    private static StateWriter writerOrClose(
            Path file, Connection c, BlockingQueue<Change> queue, long windowMillis, ValueLog.Contents saved)
            throws SQLException {
        try {
            return new StateWriter(file, c, queue, windowMillis, saved);
        } catch (SQLException e) {
            StateDatabase.closeQuietly(c);
            throw e;
        }
    }

    /** Moves the database and its log files aside, under one name with the time; returns the database's new path. */
    private static Path moveAside(Path file, Clock clock) throws IOException {
        String suffix = ".broken-" + ASIDE_TIME.format(clock.instant());
        Path aside = file.resolveSibling(file.getFileName() + suffix);
        for (String part : List.of("", "-wal", "-shm")) {
            Path from = file.resolveSibling(file.getFileName() + part);
            if (Files.exists(from)) {
                Files.move(from, file.resolveSibling(file.getFileName() + suffix + part));
            }
        }
        return aside;
    }

    /** Creates {@code directory} if missing, readable by its owner only where the file system says who owns what. */
    private static void createOwnerOnly(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** The directory's lock, or null if another node holds it (in this process or another). */
    private static FileLock lockOf(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // releasing the lock; the process ends or moves on either way
        }
    }
}
