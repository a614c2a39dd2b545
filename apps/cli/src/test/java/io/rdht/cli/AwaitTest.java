package io.rdht.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A command's wait for its node, as the user reads it when it runs out. */
class AwaitTest {

    @Test
    void anAnswerInTimeIsReturned() {
        assertThat(Await.within(Mono.just(7), Duration.ofSeconds(1), "no seven"))
                .isEqualTo(7);
    }

    @Test
    void aWaitThatRunsOutSaysWhatDidNotHappenWithExitOne() {
        assertThatThrownBy(() -> Await.within(Mono.never(), Duration.ofMillis(100), "the node did not start"))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED))
                .hasMessageStartingWith("the node did not start within 100 ms")
                .hasMessageNotContaining("blocking read");
    }

    @Test
    void otherFailuresPassThroughUnchanged() {
        assertThatThrownBy(
                        () -> Await.within(Mono.error(new IllegalStateException("closed")), Duration.ofSeconds(1), "x"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("closed");
    }
}
