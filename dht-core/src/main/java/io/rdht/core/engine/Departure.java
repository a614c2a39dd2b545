package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.LeaveReport;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.wire.Leaving;
import io.rdht.core.wire.Reply;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A graceful stop: the node hands every value it stores to the live nodes closest to its key (so
 * nothing waits for another storer's republish), then tells every peer it knows (its contacts and
 * their replacement candidates) that it is leaving (so they
 * drop it at once instead of learning it from timeouts), all within a time budget.
 *
 * <p>Implementation note: OpenDHT's nodes leave without a word and others find out from timeouts.
 * The hand-off is a republish to the K closest nodes that answered, this node excluded, as {@link
 * Maintenance} does every period; the values keep their creation time and TTL, signed ones their
 * signature.
 */
final class Departure {

    private final EngineParts parts;
    private final long startedMillis;
    private final Consumer<LeaveReport> onDone;
    private EngineEnvironment.Timer deadline;
    private int keys;
    private int values;
    private int keysHandedOn;
    private int putsRunning;
    private int peersTold;
    private int peersAnswered;
    private int peersWaiting;
    private boolean finished;

    Departure(EngineParts parts, Consumer<LeaveReport> onDone) {
        this.parts = parts;
        this.onDone = onDone;
        this.startedMillis = parts.env().nowMillis();
    }

    /** Hands the values on, then says goodbye; reports at the latest after {@code budgetMillis}. */
    void start(long budgetMillis) {
        deadline = parts.env().schedule(budgetMillis, () -> finish(false));
        long now = parts.env().nowMillis();
        int k = parts.settings().lookup().k();
        for (InfoHash key : parts.storage().keys()) {
            List<Value> stored = parts.storage().values(key, now);
            if (stored.isEmpty()) {
                continue;
            }
            keys++;
            values += stored.size();
            putsRunning++;
            new PutOperation(key, stored, parts.rpc(), k, new PutOperation.Outcome() {
                        @Override
                        public List<NodeInfo> chooseTargets(List<NodeInfo> closest) {
                            return closest;
                        }

                        @Override
                        public void onDone(List<NodeInfo> storers, List<String> refusals, int answered) {
                            if (!storers.isEmpty()) {
                                keysHandedOn++;
                            }
                            if (--putsRunning == 0) {
                                sayGoodbye();
                            }
                        }
                    })
                    .start(parts.newLookup(key));
        }
        if (putsRunning == 0) {
            sayGoodbye();
        }
    }

    private void sayGoodbye() {
        if (finished) {
            return;
        }
        List<NodeInfo> contacts = parts.routing().knownPeers();
        if (parts.settings().readOnly() || contacts.isEmpty()) {
            finish(true);
            return;
        }
        peersWaiting = contacts.size();
        for (NodeInfo contact : contacts) {
            peersTold++;
            parts.rpc().send(contact, new Leaving(), new RpcCallback() {
                @Override
                public void onReply(NodeInfo from, Reply reply) {
                    peersAnswered++;
                    onePeerDone();
                }

                @Override
                public void onTimeout() {
                    onePeerDone();
                }
            });
        }
    }

    private void onePeerDone() {
        if (--peersWaiting == 0) {
            finish(true);
        }
    }

    private void finish(boolean complete) {
        if (finished) {
            return;
        }
        finished = true;
        deadline.cancel();
        onDone.accept(new LeaveReport(
                keys,
                values,
                keysHandedOn,
                peersTold,
                peersAnswered,
                Duration.ofMillis(parts.env().nowMillis() - startedMillis),
                complete));
    }
}
