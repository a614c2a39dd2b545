package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Ping;
import io.rdht.core.wire.Reply;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's upkeep: joining through the bootstrap nodes (again, with backoff, while alone),
 * refreshing stale buckets, pinging silent contacts, forgetting listens not refreshed, and
 * re-publishing stored values to the nodes now closest to their keys, so a value outlives the
 * storers that first held it.
 *
 * <p>Implementation note: OpenDHT's storage maintenance re-announces a key's values when the
 * storing node sees that the key's closest nodes changed. Here each storer looks the key up once
 * per republish period, which also finds out which of the other storers are still alive; then the
 * two closest live storers re-publish to the K closest (so the loss of one never stops it), a node
 * that is no longer among the K closest hands the values on, and the others stay quiet. That
 * costs one short lookup per storer and O(K) puts per key and period instead of O(K²) puts.
 */
final class Maintenance {

    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

    private final EngineParts parts;
    private final RandomGenerator random;
    private final List<InetSocketAddress> bootstrap = new ArrayList<>();
    private long bootstrapWaitMillis;
    private long selfLookupWaitMillis;
    private Runnable onFirstJoinAttempt;
    private EngineEnvironment.Timer bootstrapTimer;
    private final List<EngineEnvironment.Timer> periodic = new ArrayList<>();

    private final Runnable forgetStaleListens;

    Maintenance(EngineParts parts, RandomGenerator random, Runnable forgetStaleListens) {
        this.parts = parts;
        this.random = random;
        this.forgetStaleListens = forgetStaleListens;
        this.bootstrapWaitMillis = parts.settings().bootstrapRetryMinMillis();
        this.selfLookupWaitMillis = parts.settings().bootstrapRetryMinMillis();
    }

    /** Joins through {@code nodes} and starts the periodic upkeep; {@code onReady} runs once. */
    void start(List<InetSocketAddress> nodes, Runnable onReady) {
        addBootstrapNodes(nodes);
        onFirstJoinAttempt = onReady;
        EngineSettings s = parts.settings();
        periodic.add(every(s.maintenanceMillis(), this::tick));
        periodic.add(every(s.republishMillis(), this::scheduleRepublish));
        if (bootstrap.isEmpty()) {
            ready();
        } else {
            join();
        }
    }

    /** Joins through the given nodes now, as the console's {@code b} command does. */
    void bootstrapNow(List<InetSocketAddress> nodes, Runnable onDone) {
        addBootstrapNodes(nodes);
        askBootstrapNodes(onDone);
    }

    /** Keeps the nodes of the families this node serves: it cannot send to the others. */
    private void addBootstrapNodes(List<InetSocketAddress> nodes) {
        for (InetSocketAddress a : nodes) {
            if (!parts.routing().reaches(a)) {
                log.info("bootstrap node {} is of an address family this node does not serve; skipped", a);
            } else if (!bootstrap.contains(a)) {
                bootstrap.add(a);
            }
        }
    }

    void stop() {
        periodic.forEach(EngineEnvironment.Timer::cancel);
        if (bootstrapTimer != null) {
            bootstrapTimer.cancel();
        }
    }

    private void join() {
        askBootstrapNodes(() -> {
            ready();
            if (parts.routing().size() == 0) {
                retryBootstrapLater();
            }
        });
    }

    private void askBootstrapNodes(Runnable onDone) {
        if (bootstrap.isEmpty()) {
            onDone.run();
            return;
        }
        int[] waiting = {bootstrap.size()};
        List<Answer> answers = new ArrayList<>();
        // contacts named by a bootstrap node the table refused (an id that does not fit its address)
        List<NodeInfo> namedByRefused = new ArrayList<>();
        Runnable oneDone = () -> {
            if (--waiting[0] == 0) {
                if (!answers.isEmpty()) {
                    selfLookup(answers, namedByRefused, onDone);
                } else {
                    onDone.run();
                }
            }
        };
        for (InetSocketAddress address : List.copyOf(bootstrap)) {
            parts.rpc().send(address, new FindNode(parts.self()), new RpcCallback() {
                @Override
                public void onReply(NodeInfo from, Reply reply) {
                    answers.add(new Answer(from, reply));
                    if (reply instanceof Nodes n && !parts.routing().contains(from)) {
                        namedByRefused.addAll(n.closest());
                    }
                    oneDone.run();
                }

                @Override
                public void onTimeout() {
                    oneDone.run();
                }
            });
        }
    }

    /**
     * A lookup of the own id fills the buckets near it and tells the neighbours we are here; the
     * node is ready ({@code onDone}) once the K closest live nodes answered, or at the lookup's
     * end, while the lookup goes on for nodes whose reply was lost: under 10% loss a join no
     * longer waits for a re-send to one of them. One lookup at each farther distance then fills
     * the far buckets, in the background: a client that only wants to put once need not wait
     * for them. When nobody answered the self-lookup (every send to the bootstrap node's
     * contacts lost), it is tried again a second later, with backoff, so that a node never stays
     * with its bootstrap node alone. The bootstrap nodes' {@code answers} to the same request
     * count as theirs in the lookup: it does not ask them again. {@code named}: contacts to ask
     * besides the table's, those a bootstrap node named that the table did not take (under id
     * binding, a node of an older version with a random id). With the spread check on
     * ({@link io.rdht.core.lookup.LookupSettings#spreadLimit}), once the far lookups ended the node
     * checks its neighbourhood ({@link EngineParts#newNeighbourhoodCheck}): the first self-lookup ran
     * before the node could judge a sparse result (it knew no K contacts), so Sybils that answered
     * it may have kept its neighbours from hearing of it and filled its table near its id; the far
     * lookups taught it how thinly K nodes lie, and gave it ground the Sybils did not choose. The
     * far lookups start from the bootstrap nodes' answer rather than the table, which such Sybils
     * hold by then (a self-lookup tried again later has no answer and starts from the table).
     */
    private void selfLookup(List<Answer> answers, List<NodeInfo> named, Runnable onDone) {
        FamilyLookup lookup = parts.newRoutingLookup(parts.self());
        lookup.onNamed(named);
        int[] heardBefore = {0};
        LookupRun run = new LookupRun(lookup, parts.rpc(), node -> new FindNode(parts.self()), (n, r) -> {}, () -> {
            if (lookup.answeredCount() == heardBefore[0] && parts.routing().size() > 0) {
                retrySelfLookupLater();
                return;
            }
            selfLookupWaitMillis = parts.settings().bootstrapRetryMinMillis();
            List<InfoHash> far = parts.routing().joinRefreshTargets(random);
            int[] refreshing = {far.size()};
            Runnable refreshed = () -> {
                if (--refreshing[0] == 0 && parts.settings().lookup().spreadLimit() > 0) {
                    findNodes(parts.newNeighbourhoodCheck(), () -> {});
                }
            };
            List<NodeInfo> ground = bootstrapGround(answers);
            for (InfoHash target : far) {
                findNodes(parts.newRoutingLookupFrom(target, ground), refreshed);
            }
        });
        answers.forEach(a -> run.heard(a.from(), a.reply()));
        heardBefore[0] = lookup.answeredCount();
        run.whenLiveClosestAnswered(onDone).start();
    }

    /** The bootstrap nodes that answered the join and the contacts they named: ground for its far lookups. */
    private static List<NodeInfo> bootstrapGround(List<Answer> answers) {
        List<NodeInfo> ground = new ArrayList<>();
        for (Answer a : answers) {
            ground.add(a.from());
            if (a.reply() instanceof Nodes named) {
                ground.addAll(named.closest());
            }
        }
        return ground;
    }

    private void retrySelfLookupLater() {
        parts.env().schedule(selfLookupWaitMillis, () -> selfLookup(List.of(), List.of(), () -> {}));
        selfLookupWaitMillis =
                Math.min(selfLookupWaitMillis * 2, parts.settings().bootstrapRetryMaxMillis());
    }

    private void retryBootstrapLater() {
        bootstrapTimer = parts.env().schedule(bootstrapWaitMillis, () -> {
            if (parts.routing().size() > 0) {
                endBootstrapRetries();
                return;
            }
            askBootstrapNodes(() -> {
                if (parts.routing().size() == 0) {
                    retryBootstrapLater();
                } else {
                    endBootstrapRetries();
                }
            });
        });
        bootstrapWaitMillis = Math.min(bootstrapWaitMillis * 2, parts.settings().bootstrapRetryMaxMillis());
    }

    /** The node has contacts again: if it loses them all later, {@link #tick} starts a new round of retries. */
    private void endBootstrapRetries() {
        bootstrapTimer = null;
        bootstrapWaitMillis = parts.settings().bootstrapRetryMinMillis();
    }

    private void ready() {
        if (onFirstJoinAttempt != null) {
            Runnable r = onFirstJoinAttempt;
            onFirstJoinAttempt = null;
            r.run();
        }
    }

    private void tick() {
        long now = parts.env().nowMillis();
        forgetStaleListens.run();
        FamilyTables routing = parts.routing();
        if (routing.size() == 0 && !bootstrap.isEmpty() && bootstrapTimer == null) {
            retryBootstrapLater();
        }
        for (InfoHash target : routing.bucketsToRefresh(now, random)) {
            findNode(target, () -> {});
        }
        for (NodeInfo stale : routing.staleContacts(now)) {
            ping(stale);
        }
    }

    /** Pings a node; the routing table hears of the answer or the silence through the RPC layer. */
    void ping(NodeInfo node) {
        parts.rpc().send(node, new Ping(), RpcCallback.IGNORE);
    }

    private void findNode(InfoHash target, Runnable onDone) {
        findNodes(parts.newRoutingLookup(target), onDone);
    }

    /** Runs {@code lookup} with find_node requests of its target. */
    private void findNodes(FamilyLookup lookup, Runnable onDone) {
        InfoHash target = lookup.target();
        new LookupRun(lookup, parts.rpc(), node -> new FindNode(target), (n, r) -> {}, onDone).start();
    }

    /** Each key is re-published once per period, at a phase fixed by the key, so the load spreads evenly. */
    private void scheduleRepublish() {
        long period = parts.settings().republishMillis();
        for (InfoHash key : parts.storage().keys()) {
            parts.env().schedule(Math.floorMod(key.hashCode(), period), () -> republish(key));
        }
    }

    private void republish(InfoHash key) {
        List<Value> values = parts.storage().values(key, parts.env().nowMillis());
        if (values.isEmpty()) {
            return;
        }
        int k = parts.settings().lookup().k();
        new PutOperation(key, values, parts.rpc(), k, new PutOperation.Outcome() {
                    @Override
                    public List<NodeInfo> chooseTargets(List<NodeInfo> closest) {
                        int rank = rankOf(parts.self(), key, closest);
                        return rank < 2 || rank >= k ? closest : List.of();
                    }

                    @Override
                    public void onDone(List<NodeInfo> storers, List<String> refusals, int answered) {}
                })
                .start(parts.newLookup(key));
    }

    /** How many of {@code nodes} are closer to {@code key} than {@code id}. */
    static int rankOf(InfoHash id, InfoHash key, List<NodeInfo> nodes) {
        int rank = 0;
        for (NodeInfo n : nodes) {
            if (key.compareDistance(n.id(), id) < 0) {
                rank++;
            }
        }
        return rank;
    }

    /** A bootstrap node's answer to the join's request. */
    private record Answer(NodeInfo from, Reply reply) {}

    private EngineEnvironment.Timer every(long periodMillis, Runnable task) {
        return new Repeating(parts.env(), periodMillis, task).start();
    }
}
