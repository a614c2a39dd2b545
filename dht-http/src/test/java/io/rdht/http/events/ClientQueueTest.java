package io.rdht.http.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** A stream's backlog: events go out on demand, and past the bound the stream ends saying why. */
class ClientQueueTest {

    private static SseEvent event(int n) {
        return new SseEvent("e-" + n, "added", "{\"n\":" + n + ",\"pad\":\"" + "x".repeat(100) + "\"}");
    }

    @Test
    void eventsGoOutOnlyAsTheConnectionAsksForThem() {
        ClientQueue q = new ClientQueue(10_000, null);
        q.offer(event(1));
        q.offer(event(2));

        StepVerifier.create(q.frames(), 1)
                .expectNext(event(1).frame())
                .thenRequest(1)
                .expectNext(event(2).frame())
                .then(() -> q.offer(event(3)))
                .expectNoEvent(java.time.Duration.ofMillis(50))
                .thenCancel()
                .verify();
    }

    @Test
    void aClientThatFallsPastItsBacklogGetsAnEndEventNamingWhereToResume() {
        int size = event(1).size();
        ClientQueue q = new ClientQueue(3L * size, null);

        StepVerifier.create(q.frames(), 0)
                .then(() -> q.offer(event(1)))
                .thenRequest(1)
                .expectNext(event(1).frame())
                .then(() -> {
                    for (int i = 2; i <= 5; i++) {
                        q.offer(event(i));
                    }
                })
                .thenRequest(Long.MAX_VALUE)
                .assertNext(end -> assertThat(end)
                        .startsWith("event: end\n")
                        .contains("\"reason\":\"backlog\"")
                        .contains("\"resume_from\":\"e-1\""))
                .verifyComplete();
    }
}
