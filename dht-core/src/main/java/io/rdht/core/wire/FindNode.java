package io.rdht.core.wire;

import io.rdht.core.InfoHash;
import java.util.Objects;

/**
 * Asks for the contacts closest to a target; answered by {@link Nodes}.
 *
 * @param target the id to find nodes close to
 */
public record FindNode(InfoHash target) implements Request {
    /** Checks that the target is present. */
    public FindNode {
        Objects.requireNonNull(target, "target");
    }
}
