package io.rdht.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The gateway's token and origins as a user writes them. */
class HttpAccessTest {

    @Test
    void aTokenIsLongEnoughAndFitsInAnAuthorizationHeader() {
        assertThat(HttpAccess.checkToken("abcdefghijklmnop")).isEqualTo("abcdefghijklmnop");
        assertThat(HttpAccess.checkToken("AbC-._~+/0123456789==")).endsWith("==");
        assertThatThrownBy(() -> HttpAccess.checkToken("short"))
                .hasMessage("a token has 16 to 256 characters, this one 5");
        assertThatThrownBy(() -> HttpAccess.checkToken("has a space in it ok"))
                .hasMessageContaining("only letters")
                .hasMessageNotContaining("space in it");
    }

    @Test
    void anOriginIsSchemeHostAndPortOrAStar() {
        assertThat(HttpAccess.checkOrigin("https://map.example")).isEqualTo("https://map.example");
        assertThat(HttpAccess.checkOrigin("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        assertThat(HttpAccess.checkOrigin("http://[::1]:8080")).isEqualTo("http://[::1]:8080");
        assertThat(HttpAccess.checkOrigin("*")).isEqualTo("*");
        assertThatThrownBy(() -> HttpAccess.checkOrigin("https://map.example/")).hasMessageContaining("no path");
        assertThatThrownBy(() -> HttpAccess.checkOrigin("map.example")).hasMessageContaining("http(s)://");
    }
}
