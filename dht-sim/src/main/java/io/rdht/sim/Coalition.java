package io.rdht.sim;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the attackers of one simulated network know together: every attacker node running, as one
 * operator running them all knows. Each of them answers lookups with the attackers closest to the
 * target from this list, never with an honest node (routing poisoning).
 */
final class Coalition {

    private final List<NodeInfo> members = new ArrayList<>();

    /** Adds an attacker that is running. */
    void join(NodeInfo attacker) {
        members.add(attacker);
    }

    /** The attackers running. */
    List<NodeInfo> members() {
        return List.copyOf(members);
    }

    /** Up to {@code k} attackers closest to {@code target}, {@code except} (the requester) left out. */
    List<NodeInfo> closest(InfoHash target, int k, InfoHash except) {
        Comparator<NodeInfo> byDistance = (a, b) -> target.compareDistance(a.id(), b.id());
        List<NodeInfo> best = new ArrayList<>(k + 1);
        for (NodeInfo n : members) {
            if (n.id().equals(except)) {
                continue;
            }
            if (best.size() < k || byDistance.compare(n, best.get(best.size() - 1)) < 0) {
                int at = 0;
                while (at < best.size() && byDistance.compare(best.get(at), n) < 0) {
                    at++;
                }
                best.add(at, n);
                if (best.size() > k) {
                    best.remove(best.size() - 1);
                }
            }
        }
        return best;
    }
}
