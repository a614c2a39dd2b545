package io.rdht.node;

import io.rdht.core.DhtNode;
import java.time.Duration;
import reactor.core.scheduler.Scheduler;

/** Runs parsed console commands against a node, each group by the class that knows it. */
public final class CommandRunner {

    private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(30);

    private final DhtNode node;
    private final Printer out;
    private final DataCommands data;
    private final ListenCommands listens;
    private final InspectCommands inspect;

    /**
     * A runner for {@code node}, printing to {@code out}; listen events are printed on
     * {@code printing}.
     */
    public CommandRunner(DhtNode node, NodeSetup setup, Printer out, Scheduler printing) {
        this.node = node;
        this.out = out;
        this.data = new DataCommands(node, out);
        this.listens = new ListenCommands(node, out, printing);
        this.inspect = new InspectCommands(node, setup, listens, out);
    }

    /**
     * Runs {@code command}; false if it asks to leave.
     *
     * @throws io.rdht.core.DhtException when the node refuses or fails the operation
     */
    public boolean run(ConsoleCommand command) {
        switch (command) {
            case ConsoleCommand.Get g -> data.get(g.key());
            case ConsoleCommand.Put p -> data.put(p.key(), p.text(), p.signed());
            case ConsoleCommand.Listen l -> listens.listen(l.key());
            case ConsoleCommand.CancelListen c -> listens.cancel(c.token());
            case ConsoleCommand.CancelListensOn c -> listens.cancelOn(c.key());
            case ConsoleCommand.NodeInfo i -> inspect.nodeInfo();
            case ConsoleCommand.RoutingTable r -> inspect.routingTable();
            case ConsoleCommand.Listens l -> inspect.listens();
            case ConsoleCommand.Storage s -> inspect.storage();
            case ConsoleCommand.Bootstrap b -> bootstrap(b);
            case ConsoleCommand.Help h -> Help.lines().forEach(out::println);
            case ConsoleCommand.Quit q -> {
                return false;
            }
        }
        return true;
    }

    /** Cancels the console's listens, as it closes. */
    public void close() {
        listens.cancelAll();
    }

    private void bootstrap(ConsoleCommand.Bootstrap b) {
        node.bootstrap(b.nodes()).block(BOOTSTRAP_TIMEOUT);
        out.println("bootstrap via " + NodeStarter.addresses(b.nodes()) + " done: routing table has "
                + Reports.count(NodeStarter.contacts(node), "contact"));
    }
}
