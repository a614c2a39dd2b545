package io.rdht.core.routing;

import io.rdht.core.InfoHash;
import java.util.ArrayList;
import java.util.List;

/**
 * A k-bucket: at most K contacts whose ids share a given number of leading bits with the own id,
 * plus one replacement candidate kept for when a contact fails.
 */
final class Bucket {

    private final List<Contact> contacts = new ArrayList<>();
    private Contact replacement;
    private long lastActivityMillis;

    Bucket(long nowMillis) {
        this.lastActivityMillis = nowMillis;
    }

    List<Contact> contacts() {
        return contacts;
    }

    Contact find(InfoHash id) {
        for (Contact c : contacts) {
            if (c.node().id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    Contact replacement() {
        return replacement;
    }

    void replacement(Contact candidate) {
        replacement = candidate;
    }

    long lastActivityMillis() {
        return lastActivityMillis;
    }

    void touch(long nowMillis) {
        lastActivityMillis = Math.max(lastActivityMillis, nowMillis);
    }
}
