package io.rdht.http.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** A stream's backlog: events go out while the channel takes them, and past the bound the stream ends saying why. */
class ClientQueueTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();

    private static SseEvent event(int n) {
        return new SseEvent("e-" + n, "added", "{\"n\":" + n + ",\"pad\":\"" + "x".repeat(100) + "\"}");
    }

    /** What {@code channel} was handed since the last call, as text. */
    static String written(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            text.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return text.toString();
    }

    private String written() {
        return written(channel);
    }

    private void writable(boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        // Netty tells the pipeline in a task of the channel's loop
        channel.runPendingTasks();
    }

    @Test
    void eventsGoOutOnlyWhileTheChannelIsWritable() {
        ClientQueue q = new ClientQueue(10_000, null, channel, ended -> {});
        q.start(": hello\n\n");
        q.offer(event(1), null);
        q.flush();
        assertThat(written()).isEqualTo(": hello\n\n" + event(1).frame());

        writable(false);
        q.offer(event(2), null);
        q.flush();
        assertThat(written()).as("nothing while the channel is not writable").isEmpty();

        writable(true);
        assertThat(written()).isEqualTo(event(2).frame());
    }

    @Test
    void eventsQueuedBeforeTheHeadersFollowTheGreeting() {
        ClientQueue q = new ClientQueue(10_000, null, channel, ended -> {});
        q.offer(event(1), null);
        assertThat(written()).isEmpty();

        q.start(": hello\n\n");

        assertThat(written()).isEqualTo(": hello\n\n" + event(1).frame());
    }

    @Test
    void aSharedFrameIsWrittenAsItIsAndStaysTheCallersToRelease() {
        ClientQueue q = new ClientQueue(10_000, null, channel, ended -> {});
        q.start("");
        written();
        ByteBuf shared = Unpooled.directBuffer().writeBytes(event(1).bytes());

        q.offer(event(1), shared);
        q.flush();

        assertThat(written()).isEqualTo(event(1).frame());
        assertThat(shared.refCnt()).isEqualTo(1);
        shared.release();
    }

    @Test
    void aClientThatFallsPastItsBacklogGetsAnEndEventNamingWhereToResume() {
        int size = event(1).size();
        AtomicInteger overflows = new AtomicInteger();
        ClientQueue q = new ClientQueue(3L * size, null, channel, ended -> overflows.incrementAndGet());
        q.start("");
        q.offer(event(1), null);
        q.flush();
        assertThat(written()).isEqualTo(event(1).frame());

        writable(false);
        for (int i = 2; i <= 5; i++) {
            q.offer(event(i), null);
        }
        assertThat(overflows).hasValue(1);
        assertThat(q.endWritten()).isFalse();
        writable(true);

        assertThat(written())
                .startsWith("event: end\n")
                .contains("\"reason\":\"backlog\"")
                .contains("\"resume_from\":\"e-1\"");
        assertThat(q.endWritten()).isTrue();
        StepVerifier.create(q.done()).verifyComplete();
        q.offer(event(6), null);
        q.flush();
        assertThat(written()).as("nothing after the end event").isEmpty();
    }

    @Test
    void keepAlivesGoOnlyToAStreamWithNothingWaiting() {
        ClientQueue q = new ClientQueue(10_000, null, channel, ended -> {});
        ByteBuf comment = Unpooled.copiedBuffer(": keep-alive\n\n", StandardCharsets.US_ASCII);
        q.keepAlive(comment);
        q.flush();
        assertThat(written()).as("not before the headers").isEmpty();
        q.start("");

        q.keepAlive(comment);
        q.flush();

        assertThat(written()).isEqualTo(": keep-alive\n\n");
        assertThat(comment.refCnt()).isEqualTo(1);
        comment.release();
    }
}
