package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StateOptionsTest {

    private static final Path DIR = Path.of("/var/lib/rdht/state");

    @Test
    void anUnwritableStateDirectoryIsNamedWithTheUserWhoCannotWriteIt() {
        String message = StateOptions.explain(
                DIR,
                "cannot use state directory " + DIR + ": " + DIR,
                new AccessDeniedException(DIR.toString()),
                "rdht");

        assertThat(message)
                .isEqualTo("cannot use state directory /var/lib/rdht/state: permission denied on "
                        + "/var/lib/rdht/state (the node runs as user rdht, who must be able to create and write it)");
    }

    @Test
    void anyOtherFailureKeepsTheStoresMessage() {
        String busy = "state directory " + DIR + " is in use by another running node";

        assertThat(StateOptions.explain(DIR, busy, null, "rdht")).isEqualTo(busy);
    }
}
