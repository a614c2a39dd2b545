package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.wire.Token;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    private static final long T0 = 1_000_000;
    private static final long ROTATION = 300_000;
    private static final InetSocketAddress ALICE = new InetSocketAddress("10.0.0.1", 4242);
    private static final InetSocketAddress MALLORY = new InetSocketAddress("10.0.0.2", 4242);

    private final TokenIssuer tokens = new TokenIssuer(new SplittableRandom(3), ROTATION, T0);

    @Test
    void tokenIsValidOnlyForTheAddressItWasIssuedTo() {
        Token t = tokens.issue(ALICE, T0);
        assertThat(tokens.isValid(t, ALICE, T0 + 1)).isTrue();
        assertThat(tokens.isValid(t, MALLORY, T0 + 1)).isFalse();
        assertThat(tokens.isValid(t, new InetSocketAddress("10.0.0.1", 4243), T0 + 1))
                .isFalse();
    }

    @Test
    void tokenOutlivesOneRotationButNotTwo() {
        Token t = tokens.issue(ALICE, T0);
        assertThat(tokens.isValid(t, ALICE, T0 + ROTATION))
                .as("after one rotation")
                .isTrue();
        assertThat(tokens.isValid(t, ALICE, T0 + 2 * ROTATION))
                .as("after two rotations")
                .isFalse();
    }

    @Test
    void longSilenceInvalidatesEveryEarlierToken() {
        Token t = tokens.issue(ALICE, T0);
        assertThat(tokens.isValid(t, ALICE, T0 + 10 * ROTATION)).isFalse();
        Token fresh = tokens.issue(ALICE, T0 + 10 * ROTATION);
        assertThat(tokens.isValid(fresh, ALICE, T0 + 10 * ROTATION + 1)).isTrue();
    }

    @Test
    void forgedAndEmptyTokensAreRefused() {
        assertThat(tokens.isValid(Token.NONE, ALICE, T0)).isFalse();
        assertThat(tokens.isValid(Token.of(new byte[16]), ALICE, T0)).isFalse();
    }
}
