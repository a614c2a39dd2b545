package io.rdht.node;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.ValueEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;

/**
 * The console's {@code l} and {@code cl}: listens numbered by small tokens, whose events are
 * printed as they come, on a printing thread of their own so that a slow terminal never holds up
 * the node.
 */
final class ListenCommands {

    private record Listening(int token, InfoHash key, Disposable subscription) {}

    private final DhtNode node;
    private final Printer out;
    private final Scheduler printing;
    // Written by the console thread and, when a listen ends on its own, by the printing thread.
    private final Map<Integer, Listening> byToken = new ConcurrentSkipListMap<>();
    private int lastToken;

    ListenCommands(DhtNode node, Printer out, Scheduler printing) {
        this.node = node;
        this.out = out;
        this.printing = printing;
    }

    /** Follows {@code key}, printing each event tagged with a new token, which it prints first. */
    void listen(InfoHash key) {
        int token = ++lastToken;
        Disposable.Swap subscription = Disposables.swap();
        byToken.put(token, new Listening(token, key, subscription));
        out.println("listen " + token + " on " + key.toHex() + " (cl " + token + " cancels it)");
        subscription.update(node.listen(key)
                .publishOn(printing)
                .subscribe(event -> out.println("[listen " + token + "] " + describe(event)), error -> {
                    byToken.remove(token);
                    out.println("[listen " + token + "] ended: " + error.getMessage());
                }));
    }

    /** Cancels the listen numbered {@code token}. */
    void cancel(int token) {
        Listening l = byToken.remove(token);
        if (l == null) {
            out.println("no listen " + token + " (ls lists them)");
            return;
        }
        l.subscription().dispose();
        out.println("cancelled listen " + token + " on " + l.key().toHex());
    }

    /** Cancels every listen on {@code key}. */
    void cancelOn(InfoHash key) {
        List<Integer> tokens = tokensByKey().getOrDefault(key, List.of());
        for (int t : tokens) {
            Listening l = byToken.remove(t);
            if (l != null) {
                l.subscription().dispose();
            }
        }
        out.println(
                tokens.isEmpty()
                        ? "no listen on " + key.toHex()
                        : "cancelled " + Reports.count(tokens.size(), "listen") + " on " + key.toHex() + " " + tokens);
    }

    /** The tokens of the running listens, by key. */
    Map<InfoHash, List<Integer>> tokensByKey() {
        Map<InfoHash, List<Integer>> out = new TreeMap<>();
        byToken.values()
                .forEach(l ->
                        out.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l.token()));
        return out;
    }

    /** Cancels every listen, as the console closes. */
    void cancelAll() {
        byToken.values().forEach(l -> l.subscription().dispose());
        byToken.clear();
    }

    static String describe(ValueEvent event) {
        return switch (event) {
            case ValueEvent.Added a -> "Added " + Format.value(a.value());
            case ValueEvent.Updated u ->
                "Updated " + Format.value(u.value()) + " (was seq="
                        + u.previous().seq() + ")";
            case ValueEvent.Expired e -> "Expired " + Format.value(e.value());
        };
    }
}
