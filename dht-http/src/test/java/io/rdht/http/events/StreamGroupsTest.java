package io.rdht.http.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** Streams grouped by event loop: one shared frame reaches each stream once, in one task per loop. */
class StreamGroupsTest {

    private static String written(EmbeddedChannel channel) {
        return ClientQueueTest.written(channel);
    }

    private static ClientQueue started(EmbeddedChannel channel) {
        ClientQueue q = new ClientQueue(10_000, null, channel, ended -> {});
        q.start("");
        written(channel);
        return q;
    }

    @Test
    void aFrameReachesEveryStreamOnceOnItsOwnLoopAndIsReleasedAfter() {
        // each embedded channel has a loop of its own: two groups
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        StreamGroups groups = new StreamGroups();
        groups.add(started(a));
        groups.add(started(b));
        SseEvent event = new SseEvent("e-1", "added", "{\"n\":1}");
        ByteBuf frame = Unpooled.directBuffer().writeBytes(event.bytes());

        groups.writeAll(frame, (stream, shared) -> stream.offer(event, shared));
        assertThat(frame.refCnt())
                .as("retained for each loop's task until it ran")
                .isEqualTo(3);
        assertThat(written(a)).as("nothing before the loop runs its task").isEmpty();
        a.runPendingTasks();
        b.runPendingTasks();

        assertThat(written(a)).isEqualTo(event.frame());
        assertThat(written(b)).isEqualTo(event.frame());
        assertThat(frame.refCnt()).as("the caller's reference only").isEqualTo(1);
        frame.release();
    }

    @Test
    void aRemovedStreamGetsNothingMore() {
        EmbeddedChannel a = new EmbeddedChannel();
        StreamGroups groups = new StreamGroups();
        ClientQueue q = started(a);
        groups.add(q);
        groups.remove(q);
        SseEvent event = new SseEvent("e-1", "added", "{\"n\":1}");
        ByteBuf frame = Unpooled.directBuffer().writeBytes(event.bytes());

        groups.writeAll(frame, (stream, shared) -> stream.offer(event, shared));
        a.runPendingTasks();

        assertThat(groups.size()).isZero();
        assertThat(written(a)).isEmpty();
        assertThat(frame.refCnt()).isEqualTo(1);
        frame.release();
    }
}
