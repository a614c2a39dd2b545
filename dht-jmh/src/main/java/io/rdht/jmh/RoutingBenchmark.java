package io.rdht.jmh;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.routing.RoutingSettings;
import io.rdht.core.routing.RoutingTable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The routing table's closest-K query, which a node runs for every find-node and get it serves
 * and every lookup it starts, on a table that has heard from {@link #offered} distinct nodes.
 *
 * <p>With the node's default settings (K = 8) a table keeps only the nodes its buckets have room
 * for: K in each of about log2(offered / K) buckets, the rest waiting as replacements or turned
 * away, as in a real network of that size. So the query walks some tens of contacts, not
 * {@link #offered}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RoutingBenchmark {

    /** Targets cycled through, so that the query does not see the same target every time. */
    private static final int TARGETS = 1024;

    private static final double RTT_MILLIS = 1.0;

    /** Distinct nodes that answered the table's node before the measurement. */
    @Param({"1000", "10000"})
    public int offered;

    private final RoutingSettings settings = EngineSettings.defaults().routing();
    private final InfoHash[] targets = new InfoHash[TARGETS];
    private RoutingTable table;
    private int next;

    /** Fills the table with the replies of {@link #offered} random nodes and draws the targets. */
    @Setup
    public void setUp() {
        Samples samples = new Samples(2);
        table = new RoutingTable(samples.id(), settings, Samples.NOW_MILLIS);
        for (int i = 0; i < offered; i++) {
            table.onReply(samples.contact(), RTT_MILLIS, Samples.NOW_MILLIS);
        }
        for (int i = 0; i < TARGETS; i++) {
            targets[i] = samples.id();
        }
    }

    /** The K contacts closest to the next target. */
    @Benchmark
    public List<NodeInfo> closest() {
        InfoHash target = targets[next];
        next = (next + 1) % TARGETS;
        return table.closest(target, settings.k());
    }
}
