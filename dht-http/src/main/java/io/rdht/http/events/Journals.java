package io.rdht.http.events;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The journals of the keys followed by streams: one node listen per key, started with the first
 * stream and stopped {@link EventLimits#linger()} after the last one closed.
 */
final class Journals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journals.class);

    private final DhtNode node;
    private final EventLimits limits;
    private final Scheduler timer;
    private final SplittableRandom random;
    private final Map<InfoHash, Followed> followed = new HashMap<>();

    private static final class Followed {
        final KeyJournal journal;
        Disposable listen;
        Disposable dropLater;

        Followed(KeyJournal journal) {
            this.journal = journal;
        }
    }

    /** Journals of {@code node}'s keys; {@code timer} runs the linger times; {@code random} draws epochs. */
    Journals(DhtNode node, EventLimits limits, Scheduler timer, SplittableRandom random) {
        this.node = node;
        this.limits = limits;
        this.timer = timer;
        this.random = random;
    }

    /**
     * Attaches {@code client} to the journal of {@code key}, starting one if needed.
     *
     * @return false when {@link EventLimits#keys()} keys are followed already and {@code key} is not one
     */
    boolean attach(InfoHash key, ClientQueue client, String lastEventId) {
        Followed f;
        boolean start = false;
        synchronized (this) {
            f = followed.get(key);
            if (f == null) {
                if (followed.size() >= limits.keys()) {
                    return false;
                }
                f = new Followed(new KeyJournal(
                        Long.toString(random.nextLong() >>> 1, 36), limits.journalEvents(), limits.journalBytes()));
                followed.put(key, f);
                start = true;
            }
            if (f.dropLater != null) {
                f.dropLater.dispose();
                f.dropLater = null;
            }
            // attached before the listen starts: the listen's first events are numbered after the snapshot
            f.journal.attach(client, lastEventId);
        }
        if (start) {
            KeyJournal journal = f.journal;
            Disposable listen = node.listen(key)
                    .subscribe(
                            journal::record,
                            e -> log.debug("listen of {} for events streams ended: {}", key, e.toString()));
            synchronized (this) {
                f.listen = listen;
            }
        }
        return true;
    }

    /** Detaches {@code client}; the key's journal is dropped after the linger time if nobody follows it then. */
    void detach(InfoHash key, ClientQueue client) {
        synchronized (this) {
            Followed f = followed.get(key);
            if (f == null) {
                return;
            }
            f.journal.detach(client);
            if (f.journal.streams() == 0 && f.dropLater == null) {
                f.dropLater =
                        timer.schedule(() -> dropIfIdle(key, f), limits.linger().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** How many keys have a journal, lingering ones included. */
    synchronized int keys() {
        return followed.size();
    }

    private void dropIfIdle(InfoHash key, Followed f) {
        Disposable listen;
        synchronized (this) {
            if (followed.get(key) != f || f.journal.streams() > 0) {
                return;
            }
            followed.remove(key);
            listen = f.listen;
        }
        if (listen != null) {
            listen.dispose();
        }
    }

    /** Stops every listen. */
    @Override
    public void close() {
        Map<InfoHash, Followed> all;
        synchronized (this) {
            all = Map.copyOf(followed);
            followed.clear();
        }
        all.values().forEach(f -> {
            if (f.listen != null) {
                f.listen.dispose();
            }
            if (f.dropLater != null) {
                f.dropLater.dispose();
            }
        });
    }
}
