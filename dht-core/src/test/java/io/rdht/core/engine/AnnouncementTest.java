package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtException;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When an announcement publishes: every half TTL, and soon again after a publication that failed. */
class AnnouncementTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration TTL = Duration.ofMinutes(4);
    private static final long HALF_TTL = TTL.toMillis() / 2;

    private final FakeEnvironment env = new FakeEnvironment(EngineFixture.START);
    private final List<Long> publishedAt = new ArrayList<>();
    private final EngineFixture.Recorded heard = new EngineFixture.Recorded();
    private int failuresLeft;
    private Announcement announcement;

    private Announcement announcementFailingFirst(int failures) {
        failuresLeft = failures;
        Value value = Value.builder().id(7).text("x").ttl(TTL).build();
        announcement = new Announcement(
                value,
                env,
                copy -> {
                    publishedAt.add(env.nowMillis() - EngineFixture.START);
                    if (failuresLeft > 0) {
                        failuresLeft--;
                        announcement.onFailed(new DhtException.NoReachableNodes(KEY));
                    } else {
                        announcement.onPublished(new PutResult(KEY, copy, List.of()));
                    }
                },
                heard,
                operation -> {});
        return announcement;
    }

    @Test
    void publishesEveryHalfTtl() {
        announcementFailingFirst(0).turn();
        env.advance(3 * HALF_TTL);

        assertThat(publishedAt).containsExactly(0L, HALF_TTL, 2 * HALF_TTL, 3 * HALF_TTL);
    }

    @Test
    void failedPublicationIsTriedAgainAfterOneSecondThenTwiceAsLongEachTimeUpToHalfTheTtl() {
        announcementFailingFirst(8).turn();
        env.advance(400_000);

        // failures at 0, 1, 3, 7, 15, 31, 63 and 127 s, the last waits capped at half the TTL (120 s);
        // stored at 247 s, published again a half TTL later
        assertThat(publishedAt)
                .containsExactly(0L, 1_000L, 3_000L, 7_000L, 15_000L, 31_000L, 63_000L, 127_000L, 247_000L, 367_000L);
        assertThat(heard.signals).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(PutResult.class));
    }

    @Test
    void afterASuccessTheNextFailureIsTriedAgainAfterOneSecondAgain() {
        announcementFailingFirst(3).turn();
        env.advance(7_000);
        failuresLeft = 1;
        env.advance(HALF_TTL + 2_000);

        assertThat(publishedAt).containsExactly(0L, 1_000L, 3_000L, 7_000L, 7_000L + HALF_TTL, 8_000L + HALF_TTL);
    }

    @Test
    void aClosingNodeEndsTheAnnouncementAndNothingIsPublishedAfter() {
        announcementFailingFirst(0).turn();
        announcement.onFailed(new DhtException.NodeClosed());
        env.advance(3 * HALF_TTL);

        assertThat(publishedAt).containsExactly(0L);
        assertThat(heard.signals).last().isInstanceOf(DhtException.NodeClosed.class);
    }
}
