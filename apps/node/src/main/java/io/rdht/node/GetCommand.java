package io.rdht.node;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rdht get KEY}: joins the network, prints each value under the key, and leaves. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = {
            "Joins the network (default " + OneShot.DEFAULT_BOOTSTRAP
                    + "), prints the values under KEY, one per line, and leaves.",
            "Exit 0 also when there is no value (a note goes to standard error)."
        })
final class GetCommand implements Callable<Integer> {

    @ParentCommand
    private RdhtCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "KEY", description = "A name (hashed) or 40 hex digits.")
    private String key;

    @Option(names = "--json", description = "One JSON object per value.")
    private boolean json;

    @Override
    public Integer call() {
        InfoHash k = Keys.parse(key);
        PrintWriter out = spec.commandLine().getOut();
        int n = 0;
        try (DhtNode node = OneShot.join(root)) {
            for (Value v : node.get(k).toIterable()) {
                out.println(json ? JsonValues.line(k, v) : Format.value(v));
                out.flush();
                n++;
            }
        }
        if (n == 0) {
            spec.commandLine().getErr().println("no value under " + k.toHex());
        }
        return 0;
    }
}
