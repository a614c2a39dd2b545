package io.rdht.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which request is which form of OpenDHT's proxy API. */
class ProxyCallTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /, Info",
        "GET, /node/info, Info",
        "GET, /node/stats, Stats",
        "STATS, /, Stats",
        "GET, /key/k, Get",
        "GET, /k, Get",
        "GET, /k/42, Get",
        "GET, /k?x=1, Get",
        "POST, /key/k, Put",
        "POST, /k, Put",
        "PUT, /k/42, Put",
        "POST, /key/k/sign, Put",
        "SIGN, /k, Put",
        "GET, /key/k/listen, Listen",
        "LISTEN, /k, Listen",
        "OPTIONS, /k, Options",
        "OPTIONS, /key/k/listen, Options",
        "GET, /key/k/options, Options",
    })
    void eachFormOfTheApiIsRecognised(String method, String path, String kind) {
        assertThat(ProxyCall.parse(method, path))
                .get()
                .extracting(c -> c.getClass().getSimpleName())
                .isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /metrics",
        "GET, /health",
        "GET, /k/events",
        "GET, /k/4x2",
        "DELETE, /k",
        "PUT, /k",
        "GET, /a/b/c",
        "POST, /key/k/listen",
        "GET, //",
    })
    void theNodesOwnPathsAndOtherFormsAreNotTheGateways(String method, String path) {
        assertThat(ProxyCall.parse(method, path)).isEmpty();
    }

    @Test
    void keysAreUrlDecodedAndAPlusStaysAPlus() {
        assertThat(ProxyCall.parse("GET", "/key/room%2042+b")).contains(new ProxyCall.Get("room 42+b", null));
        assertThat(ProxyCall.parse("GET", "/key/%zz")).isEmpty();
    }

    @Test
    void onlyPutsWrite() {
        assertThat(ProxyCall.parse("POST", "/k").orElseThrow().writes()).isTrue();
        assertThat(ProxyCall.parse("GET", "/k").orElseThrow().writes()).isFalse();
        assertThat(ProxyCall.parse("LISTEN", "/k").orElseThrow().writes()).isFalse();
    }
}
