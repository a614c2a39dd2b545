package io.rdht.core.engine;

import io.rdht.core.NodeInfo;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Request;
import io.rdht.core.wire.ValuesFound;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Drives one {@link Lookup} over the network: sends the requests it asks for, tells it of each
 * answer, slow answer and failure, and reports the end once. The write tokens the answering nodes
 * hand out are kept by {@link Rpc#tokenFrom}.
 */
final class LookupRun {

    private final FamilyLookup lookup;
    private final Rpc rpc;
    private final Function<NodeInfo, Request> request;
    private final BiConsumer<NodeInfo, Reply> onReply;
    private final Runnable onDone;
    private Runnable onLiveClosest = () -> {};
    private boolean liveClosest;
    private boolean done;

    /**
     * @param lookup  the state machine
     * @param rpc     how requests are sent
     * @param request the request sent to each node, made for it
     * @param onReply told of every reply (values, contacts) before the lookup is
     * @param onDone  run once, when the lookup ends
     */
    LookupRun(
            FamilyLookup lookup,
            Rpc rpc,
            Function<NodeInfo, Request> request,
            BiConsumer<NodeInfo, Reply> onReply,
            Runnable onDone) {
        this.lookup = lookup;
        this.rpc = rpc;
        this.request = request;
        this.onReply = onReply;
        this.onDone = onDone;
    }

    /**
     * Runs {@code action} once, as soon as the K closest live nodes have answered
     * ({@link FamilyLookup#liveClosestAnswered}), at the latest at the end, before {@code onDone}.
     * Call before {@link #start}.
     */
    LookupRun whenLiveClosestAnswered(Runnable action) {
        this.onLiveClosest = action;
        return this;
    }

    /** Sends the first requests (or ends at once when there is nobody to ask). */
    void start() {
        pump();
    }

    /**
     * Takes {@code reply}, which {@code from} sent before this run began (a bootstrap node's
     * answer to the same request), as the answer of that seed, so that it is not asked again;
     * ignored when {@code from} is not among the seeds. Call before {@link #start}.
     */
    void heard(NodeInfo from, Reply reply) {
        take(from, reply);
    }

    /** The lookup's state machine, for its result. */
    FamilyLookup lookup() {
        return lookup;
    }

    private void pump() {
        if (done) {
            return;
        }
        for (NodeInfo node : lookup.nextToAsk()) {
            rpc.send(node, request.apply(node), new RpcCallback() {
                @Override
                public void onReply(NodeInfo from, Reply reply) {
                    answered(node, reply);
                }

                @Override
                public void onSlow() {
                    lookup.onSlow(node);
                    pump();
                }

                @Override
                public void onTimeout() {
                    lookup.onFailure(node);
                    pump();
                }
            });
        }
        if (!liveClosest && lookup.liveClosestAnswered()) {
            liveClosest = true;
            onLiveClosest.run();
        }
        if (lookup.isDone()) {
            done = true;
            lookup.finished();
            onDone.run();
        }
    }

    private void answered(NodeInfo node, Reply reply) {
        if (done) {
            return;
        }
        onReply.accept(node, reply);
        take(node, reply);
        pump();
    }

    private void take(NodeInfo node, Reply reply) {
        switch (reply) {
            case Nodes n -> lookup.onAnswer(node, n.closest());
            case ValuesFound v -> lookup.onAnswer(node, v.closest());
            default -> lookup.onFailure(node);
        }
    }
}
