package io.rdht.node;

import io.rdht.cli.DurationConverter;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rdht put KEY VALUE}: joins the network, stores a text value under the key, and leaves. */
@Command(
        name = "put",
        mixinStandardHelpOptions = true,
        description = "Joins the network (default " + OneShot.DEFAULT_BOOTSTRAP
                + "), stores VALUE under KEY, prints its id and on how many nodes, and leaves.")
final class PutCommand implements Callable<Integer> {

    @ParentCommand
    private RdhtCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KEY", description = "A name (hashed) or 40 hex digits.")
    private String key;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The value, as UTF-8 text.")
    private String value;

    @Option(
            names = "--ttl",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long the value lives, e.g. 90s, 10m, 2h (default: 10m).")
    private Duration ttl = Value.DEFAULT_TTL;

    @Option(names = "--type", paramLabel = "CONTENT-TYPE", description = "Content type (default: text/plain).")
    private String contentType = Value.TEXT_PLAIN;

    @Override
    public Integer call() {
        InfoHash k = Keys.parse(key);
        Value v = Value.builder().text(value).contentType(contentType).ttl(ttl).build();
        try (DhtNode node = OneShot.join(root)) {
            PutResult r = node.put(k, v).block();
            spec.commandLine()
                    .getOut()
                    .println("stored " + Format.valueId(r.value().id()) + " on "
                            + Reports.count(r.storers().size(), "node"));
        }
        return 0;
    }
}
