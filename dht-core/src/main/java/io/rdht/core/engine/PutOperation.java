package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.wire.ErrorReply;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Stored;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.WireLimits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores values on the K nodes closest to a key: a lookup of the key that collects write tokens,
 * then a put to each of the closest nodes that answered, in batches that fit one message.
 */
final class PutOperation {

    /** Room in a put message for everything but the values. */
    private static final int MESSAGE_OVERHEAD_BYTES = 1024;
    /** Encoded size of a value beyond its data and content type. */
    private static final int VALUE_OVERHEAD_BYTES = 160;

    private final InfoHash key;
    private final List<Value> values;
    private final Rpc rpc;
    private final int k;
    private final Outcome outcome;
    private final Set<NodeInfo> storers = new LinkedHashSet<>();
    private final List<String> refusals = new ArrayList<>();
    private LookupRun run;
    private int outstanding;

    /**
     * @param key     the key
     * @param values  the values, already checked and stamped
     * @param rpc     how requests are sent
     * @param k       how many closest nodes store them
     * @param outcome told once the puts ended
     */
    PutOperation(InfoHash key, List<Value> values, Rpc rpc, int k, Outcome outcome) {
        this.key = key;
        this.values = List.copyOf(values);
        this.rpc = rpc;
        this.k = k;
        this.outcome = outcome;
    }

    /** Looks up the key from {@code lookup}'s seeds, then puts. */
    void start(FamilyLookup lookup) {
        run = new LookupRun(lookup, rpc, node -> new FindNode(key), (n, r) -> {}, this::putToClosest);
        run.start();
    }

    private void putToClosest() {
        List<NodeInfo> targets = outcome.chooseTargets(run.lookup().closestAnswered(k));
        List<List<Value>> batches = batches();
        outstanding = targets.size() * batches.size();
        if (outstanding == 0) {
            outcome.onDone(List.of(), refusals, run.lookup().answeredCount());
            return;
        }
        for (NodeInfo target : targets) {
            Token token = rpc.tokenFrom(target);
            for (List<Value> batch : batches) {
                rpc.send(target, new PutValues(key, token, batch), new RpcCallback() {
                    @Override
                    public void onReply(NodeInfo from, Reply reply) {
                        switch (reply) {
                            case Stored s -> {
                                if (!s.storedIds().isEmpty()) {
                                    storers.add(from);
                                }
                                s.rejections().forEach(r -> refusals.add(from + ": " + r.code() + " " + r.reason()));
                            }
                            case ErrorReply e -> refusals.add(from + ": " + e.code() + " " + e.text());
                            default ->
                                refusals.add(from + ": unexpected reply "
                                        + reply.getClass().getSimpleName());
                        }
                        finishOne();
                    }

                    @Override
                    public void onTimeout() {
                        finishOne();
                    }
                });
            }
        }
    }

    private void finishOne() {
        if (--outstanding == 0) {
            outcome.onDone(new ArrayList<>(storers), refusals, run.lookup().answeredCount());
        }
    }

    /** About the bytes {@code v} takes in a message: its data, its content type and its other fields. */
    static int estimatedSize(Value v) {
        return v.dataLength() + v.contentType().length() + VALUE_OVERHEAD_BYTES;
    }

    private List<List<Value>> batches() {
        List<List<Value>> out = new ArrayList<>();
        List<Value> current = new ArrayList<>();
        int budget = 0;
        int limit = WireLimits.MAX_MESSAGE_BYTES - MESSAGE_OVERHEAD_BYTES;
        for (Value v : values) {
            int size = estimatedSize(v);
            if (!current.isEmpty() && (budget + size > limit || current.size() == WireLimits.MAX_VALUES)) {
                out.add(current);
                current = new ArrayList<>();
                budget = 0;
            }
            current.add(v);
            budget += size;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** Decides where the values go and hears how it went. */
    interface Outcome {
        /** From the closest nodes that answered the lookup, the ones to put to. */
        List<NodeInfo> chooseTargets(List<NodeInfo> closest);

        /**
         * The puts ended.
         *
         * @param storers  the nodes that stored at least one value
         * @param refusals why nodes refused, one line each
         * @param answered how many nodes answered the lookup
         */
        void onDone(List<NodeInfo> storers, List<String> refusals, int answered);
    }
}
