package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.ErrorCode;
import io.rdht.core.wire.ErrorReply;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.ValuesFound;
import io.rdht.core.wire.WireCodec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplyBoundTest {

    private static final WireCodec CODEC = new WireCodec();
    private static final InfoHash SELF = InfoHash.of("self");
    private static final Token TOKEN = Token.of(new byte[16]);

    private final SplittableRandom random = new SplittableRandom(3);

    private static int bytes(Reply reply) {
        return CODEC.encode(new Envelope(0, 1, SELF, reply)).length;
    }

    private List<NodeInfo> contacts(int n, String ip) {
        return IntStream.range(0, n)
                .mapToObj(i -> new NodeInfo(InfoHash.random(random), new InetSocketAddress(ip, 4000 + i)))
                .toList();
    }

    private static List<Value> values(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> Value.builder().id(i + 1).text("v".repeat(20)).build())
                .toList();
    }

    @Test
    void valuesReplyKeepsContactsAndTokenAndTheValuesThatFitAndSaysMore() {
        ValuesFound full = new ValuesFound(values(100), contacts(8, "10.0.0.1"), TOKEN, false);
        ValuesFound cut = (ValuesFound) ReplyBound.fit(full, 600, ReplyBoundTest::bytes);
        assertThat(bytes(cut)).isLessThanOrEqualTo(600);
        assertThat(cut.closest()).isEqualTo(full.closest());
        assertThat(cut.token()).isEqualTo(TOKEN);
        assertThat(cut.values())
                .isNotEmpty()
                .isEqualTo(full.values().subList(0, cut.values().size()));
        assertThat(cut.more()).isTrue();
    }

    @Test
    void replyWithinTheBoundIsSentAsItIs() {
        ValuesFound small = new ValuesFound(values(1), contacts(2, "10.0.0.1"), TOKEN, false);
        assertThat(ReplyBound.fit(small, 1_000, ReplyBoundTest::bytes)).isSameAs(small);
    }

    @Test
    void nodesReplyKeepsTheClosestContactsThatFit() {
        Nodes nodes = new Nodes(contacts(8, "2001:db8::1"), TOKEN);
        Nodes cut = (Nodes) ReplyBound.fit(nodes, 300, ReplyBoundTest::bytes);
        assertThat(bytes(cut)).isLessThanOrEqualTo(300);
        assertThat(cut.closest())
                .isNotEmpty()
                .isEqualTo(nodes.closest().subList(0, cut.closest().size()));
    }

    @Test
    void replyThatCannotBeCutAndDoesNotFitIsNotSent() {
        assertThat(ReplyBound.fit(new ErrorReply(ErrorCode.BAD_TOKEN, "x".repeat(200)), 100, ReplyBoundTest::bytes))
                .isNull();
    }
}
