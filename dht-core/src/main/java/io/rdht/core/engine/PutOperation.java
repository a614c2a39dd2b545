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
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Stores values on the K nodes closest to a key: a lookup of the key that collects write tokens,
 * then a put to each of the closest nodes that answered, in batches that fit one message; or,
 * for a key looked up lately, a put to the closest nodes that lookup found, without a new one.
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

    /**
     * Puts at once to {@code known}, the closest nodes a lookup of the key found lately (see
     * {@link RecentSearches}), with the tokens they handed this node, without a lookup. Should one
     * of them not store every value (no answer, an error, a refusal), or hold no token of theirs,
     * calls {@code onMiss}, then looks the key up after all from {@code lookup} and puts to the
     * closest that answered, as {@link #start} does: a put never ends on fewer storers than a
     * lookup's would.
     */
    void startAt(List<NodeInfo> known, Supplier<FamilyLookup> lookup, Runnable onMiss) {
        List<NodeInfo> targets = outcome.chooseTargets(known);
        boolean[] missed = {targets.stream().anyMatch(t -> rpc.tokenFrom(t).equals(Token.NONE))};
        int[] answered = {0};
        Runnable afterAll = () -> {
            if (missed[0] || targets.isEmpty()) {
                refusals.clear();
                onMiss.run();
                start(lookup.get());
            } else {
                outcome.onDone(new ArrayList<>(storers), refusals, answered[0]);
            }
        };
        if (missed[0]) {
            afterAll.run();
            return;
        }
        putTo(
                targets,
                (batch, reply) -> {
                    answered[0]++;
                    if (!(reply instanceof Stored s)
                            || s.storedIds().size() != batch.size()
                            || !s.rejections().isEmpty()) {
                        missed[0] = true;
                    }
                },
                () -> missed[0] = true,
                afterAll);
    }

    private void putToClosest() {
        putTo(
                outcome.chooseTargets(run.lookup().closestAnswered(k)),
                (batch, reply) -> {},
                () -> {},
                () -> outcome.onDone(
                        new ArrayList<>(storers), refusals, run.lookup().answeredCount()));
    }

    /**
     * Sends the values to each of {@code targets} in batches, telling {@code onReply} of each reply
     * and {@code onTimeout} of each send that got none; {@code afterAll} runs once every send ended
     * (at once when there is nothing to send).
     */
    private void putTo(
            List<NodeInfo> targets, BiConsumer<List<Value>, Reply> onReply, Runnable onTimeout, Runnable afterAll) {
        List<List<Value>> batches = batches();
        int[] outstanding = {targets.size() * batches.size()};
        if (outstanding[0] == 0) {
            afterAll.run();
            return;
        }
        Runnable finishOne = () -> {
            if (--outstanding[0] == 0) {
                afterAll.run();
            }
        };
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
                        onReply.accept(batch, reply);
                        finishOne.run();
                    }

                    @Override
                    public void onTimeout() {
                        onTimeout.run();
                        finishOne.run();
                    }
                });
            }
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
