package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import io.rdht.core.sign.SignatureVerifier;
import io.rdht.core.state.SavedState;
import io.rdht.core.state.SavedValue;
import io.rdht.core.state.StateStore;
import io.rdht.core.storage.ExpiredValue;
import io.rdht.core.storage.Storage;
import io.rdht.core.storage.StoreOutcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a node's state through to its {@link StateStore} and reads it back at start: the values
 * stored for others as they are stored and expire, the routing contacts when they have changed
 * (checked every {@link #CONTACTS_CHECK_MILLIS}). Runs on the node thread; the store does the disk
 * work on a thread of its own, and a put is acknowledged without waiting for it (the store bounds
 * how soon a change is durable).
 */
final class StateKeeper {

    private static final Logger log = LoggerFactory.getLogger(StateKeeper.class);

    /** How often the routing contacts are compared with those saved last. */
    static final long CONTACTS_CHECK_MILLIS = 2_000;
    /** Most contacts saved, and most saved contacts rejoined through. */
    static final int MAX_CONTACTS = 256;

    private final EngineParts parts;
    private final StateStore store;
    private final SignatureVerifier signatures;
    private List<NodeInfo> savedContacts;
    private EngineEnvironment.Timer contactsTimer;
    private boolean stopped;

    StateKeeper(EngineParts parts, StateStore store, SignatureVerifier signatures) {
        this.parts = parts;
        this.store = store;
        this.signatures = signatures;
        this.savedContacts = store.saved().contacts();
    }

    /**
     * Saves the node's id and stores the saved values again, each until the expiry it had: those
     * expired, badly signed or over the limits are dropped and forgotten by the store. Returns the
     * addresses of the saved contacts, to join through.
     */
    List<InetSocketAddress> restore() {
        store.saveNodeId(parts.self());
        SavedState saved = store.saved();
        long now = parts.env().nowMillis();
        Storage storage = parts.storage();
        int restored = 0;
        int expired = 0;
        int refused = 0;
        for (SavedValue v : saved.values()) {
            Optional<String> badSignature = signatures.problemWith(v.key(), v.value());
            StoreOutcome outcome = v.expiresAtMillis() <= now || badSignature.isPresent()
                    ? null
                    : storage.restore(v.key(), v.value(), v.source(), v.expiresAtMillis(), now);
            if (outcome != null && outcome.accepted()) {
                restored++;
                continue;
            }
            if (v.expiresAtMillis() <= now) {
                expired++;
            } else {
                refused++;
                log.warn(
                        "saved value {} under {} not restored: {}",
                        v.value().identity(),
                        v.key().shortHex(),
                        badSignature.orElseGet(() -> ((StoreOutcome.Refused) outcome).reason()));
            }
            store.removeValue(v.key(), v.value().identity());
        }
        if (!saved.values().isEmpty()) {
            log.info("restored {} saved values ({} expired, {} refused)", restored, expired, refused);
        }
        Set<InetSocketAddress> addresses = new LinkedHashSet<>();
        saved.contacts().stream().limit(MAX_CONTACTS).forEach(c -> addresses.add(c.address()));
        scheduleContactsCheck();
        return List.copyOf(addresses);
    }

    /** Saves what a store did: a new value, a new version, or a later expiry. */
    void onStored(InfoHash key, StoreOutcome outcome) {
        Value value = switch (outcome) {
            case StoreOutcome.Added a -> a.value();
            case StoreOutcome.Updated u -> u.current();
            case StoreOutcome.Refreshed r -> r.extended() ? r.value() : null;
            case StoreOutcome.Refused r -> null;
        };
        if (value == null || stopped) {
            return;
        }
        Storage storage = parts.storage();
        ValueIdentity identity = value.identity();
        OptionalLong expiresAt = storage.expiryOf(key, identity);
        Optional<InetAddress> source = storage.sourceOf(key, identity);
        if (expiresAt.isPresent() && source.isPresent()) {
            store.saveValue(new SavedValue(key, value, source.get(), expiresAt.getAsLong()));
        }
    }

    /** Forgets values that expired. */
    void onExpired(List<ExpiredValue> expired) {
        if (stopped) {
            return;
        }
        for (ExpiredValue e : expired) {
            store.removeValue(e.key(), e.value().identity());
        }
    }

    /** Saves the contacts one last time and stops checking them. */
    void stop() {
        if (stopped) {
            return;
        }
        saveContactsIfChanged();
        stopped = true;
        if (contactsTimer != null) {
            contactsTimer.cancel();
        }
    }

    private void scheduleContactsCheck() {
        contactsTimer = parts.env().schedule(CONTACTS_CHECK_MILLIS, () -> {
            if (!stopped) {
                saveContactsIfChanged();
                scheduleContactsCheck();
            }
        });
    }

    private void saveContactsIfChanged() {
        RoutingSnapshot table = parts.routing().snapshot(parts.env().nowMillis());
        List<NodeInfo> contacts = new ArrayList<>();
        for (RoutingSnapshot.BucketView bucket : table.buckets()) {
            for (RoutingSnapshot.ContactView c : bucket.contacts()) {
                if (c.failures() == 0 && contacts.size() < MAX_CONTACTS) {
                    contacts.add(c.node());
                }
            }
        }
        // An empty table is no news worth keeping: the contacts saved before are the way back in.
        if (!contacts.isEmpty() && !Set.copyOf(contacts).equals(Set.copyOf(savedContacts))) {
            savedContacts = List.copyOf(contacts);
            store.saveContacts(savedContacts);
        }
    }
}
