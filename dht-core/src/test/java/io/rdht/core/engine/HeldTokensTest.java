package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Pong;
import io.rdht.core.wire.Token;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldTokensTest {

    private static final long LIFE = 300_000;
    private final HeldTokens tokens = new HeldTokens(LIFE);
    private final InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 4222);
    private final Token token = Token.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    @Test
    void aTokenAPeerHandedOutIsUsedForItsLifeAndNotAfter() {
        tokens.onReply(peer, new Nodes(List.of(), token), 1_000);
        assertThat(tokens.tokenFrom(peer, 1_000 + LIFE - 1)).isEqualTo(token);
        assertThat(tokens.tokenFrom(peer, 1_000 + LIFE)).isEqualTo(Token.NONE);
    }

    @Test
    void repliesWithoutATokenChangeNothingAndStrangersHaveNone() {
        tokens.onReply(peer, new Nodes(List.of(), token), 0);
        tokens.onReply(peer, new Pong(), 1);
        assertThat(tokens.tokenFrom(peer, 2)).isEqualTo(token);
        assertThat(tokens.tokenFrom(new InetSocketAddress("127.0.0.1", 4223), 2))
                .isEqualTo(Token.NONE);
    }

    @Test
    void atMostCapacityAddressesAreKeptTheLeastRecentlyUsedForgottenFirst() {
        for (int port = 1; port <= HeldTokens.CAPACITY + 1; port++) {
            tokens.onReply(new InetSocketAddress("127.0.0.1", port), new Nodes(List.of(), token), 0);
        }
        assertThat(tokens.tokenFrom(new InetSocketAddress("127.0.0.1", 1), 1)).isEqualTo(Token.NONE);
        assertThat(tokens.tokenFrom(new InetSocketAddress("127.0.0.1", HeldTokens.CAPACITY + 1), 1))
                .isEqualTo(token);
    }
}
