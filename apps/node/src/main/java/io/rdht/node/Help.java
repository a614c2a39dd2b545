package io.rdht.node;

import io.rdht.core.Value;
import java.util.List;

/** The console's list of commands, shown by {@code h} and at the end of {@code rdht --help}. */
public final class Help {

    /** Every command word the console knows, for completion. */
    public static final List<String> VERBS =
            List.of("g", "p", "l", "cl", "ll", "lr", "ls", "ld", "b", "h", "help", "x", "quit", "exit");

    private Help() {}

    /** The commands, one per line. */
    public static List<String> lines() {
        return List.of(
                "commands (KEY: a name, which is hashed, or 40 hex digits taken as they are)",
                "  g KEY            get the values under KEY",
                "  p KEY VALUE      put VALUE (the rest of the line, as text, TTL " + Format.duration(Value.DEFAULT_TTL)
                        + ") under KEY",
                "  s KEY VALUE      put VALUE signed with this node's identity (see --identity)",
                "  l KEY            listen to KEY: print its values and changes as they come",
                "  cl TOKEN|KEY     cancel the listen numbered TOKEN, or every listen on KEY",
                "  ll               node info: id, address, table, storage, listens, counters",
                "  lr               routing table, bucket by bucket",
                "  ls               listens of this node, and listens others hold here",
                "  ld               values stored here",
                "  b HOST:PORT...   join through these nodes now",
                "  h, help          this list",
                "  x, quit, exit    leave: hand stored values on, tell the peers, close (so does end of input)");
    }
}
