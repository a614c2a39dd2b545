package io.rdht.core.engine;

import io.rdht.core.NodeInfo;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Request;
import io.rdht.core.wire.ValuesFound;
import java.util.ArrayList;
import java.util.List;
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
    private boolean patient;
    /** Nodes asked again ({@link Asked}) and not yet answered or given up on. */
    private final List<NodeInfo> askedAgain = new ArrayList<>();

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

    /**
     * Makes a node whose request timed out while no node had answered this lookup be asked again,
     * for about a second, before it counts as failed ({@link Asked}): for a user's put or get,
     * whose failure is the user's {@code NoReachableNodes}. Upkeep lookups leave this off; they
     * retry on their own schedule. Call before {@link #start}.
     */
    LookupRun patientWhenUnanswered() {
        this.patient = true;
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
            rpc.send(node, request.apply(node), new Asked(node, false));
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

    /**
     * Hears how a request to {@code node} went, for the lookup. A request that timed out while no
     * node at all had answered a {@link #patientWhenUnanswered} lookup is sent again, for about a
     * second ({@link Rpc#sendPatiently}), before {@code node} counts as failed: on loopback a request
     * fails within tens of milliseconds, and a network whose only live nodes pause that long (a
     * collection, a busy CPU) must not look unreachable to a user's put. A lookup that some node
     * answered lets a silent one fail at once, and gives up on those still asked again as soon as
     * one node answers.
     *
     * @param again whether this is that second, patient request
     */
    private final class Asked implements RpcCallback {
        private final NodeInfo node;
        private final boolean again;

        Asked(NodeInfo node, boolean again) {
            this.node = node;
            this.again = again;
        }

        @Override
        public void onReply(NodeInfo from, Reply reply) {
            answered(node, reply);
        }

        @Override
        public void onSlow() {
            if (!again) {
                lookup.onSlow(node);
                pump();
            }
        }

        @Override
        public void onTimeout() {
            if (!again && patient && lookup.answeredCount() == 0) {
                askedAgain.add(node);
                rpc.sendPatiently(node, request.apply(node), new Asked(node, true));
            } else if (!again || askedAgain.remove(node)) {
                lookup.onFailure(node);
                pump();
            }
        }
    }

    private void answered(NodeInfo node, Reply reply) {
        if (done) {
            return;
        }
        onReply.accept(node, reply);
        askedAgain.remove(node);
        take(node, reply);
        if (lookup.answeredCount() > 0) {
            // someone answers after all: the nodes still asked again are as silent as any failed node
            askedAgain.forEach(lookup::onFailure);
            askedAgain.clear();
        }
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
