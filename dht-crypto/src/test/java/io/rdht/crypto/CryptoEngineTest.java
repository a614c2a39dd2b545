package io.rdht.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import javax.crypto.KeyAgreement;
import javax.net.ssl.SSLContext;
import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoEngineTest {

    private static final String CONSCRYPT = "Conscrypt";
    private static final byte[] MESSAGE = "{\"lvl_percent\":39}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void whereConscryptsLibraryLoadsItRunsTheCryptography() {
        assertThat(CryptoEngine.isNative()).isEqualTo(Conscrypt.isAvailable());
        assertThat(Security.getProvider(CONSCRYPT) != null).isEqualTo(CryptoEngine.isNative());
        assertThat(CryptoEngine.describe())
                .startsWith(CryptoEngine.isNative() ? "Tink on Conscrypt" : "Tink, pure Java");
    }

    @Test
    void theJdksOwnAlgorithmsStayFirst() throws GeneralSecurityException {
        CryptoEngine.isNative();

        assertThat(Signature.getInstance("Ed25519").getProvider().getName()).isEqualTo("SunEC");
        assertThat(KeyAgreement.getInstance("X25519").getProvider().getName()).isEqualTo("SunEC");
        assertThat(MessageDigest.getInstance("SHA-256").getProvider().getName()).isEqualTo("SUN");
        assertThat(SSLContext.getInstance("TLSv1.3").getProvider().getName()).isEqualTo("SunJSSE");
    }

    @Test
    void offOrAPlatformWithoutItsLibraryLeavesTinkOnItsPureJava() {
        withoutConscrypt(() -> {
            assertThat(CryptoEngine.install("off", () -> true)).isFalse();
            assertThat(CryptoEngine.install(" OFF ", () -> true)).isFalse();
            assertThat(CryptoEngine.install(null, () -> false)).isFalse();
            assertThat(Security.getProvider(CONSCRYPT)).isNull();
        });
    }

    @Test
    void conscryptAndThePureJavaMakeTheSameSignaturesAndAcceptEachOthers() {
        Path file = dir.resolve("identity");
        byte[][] pureJava = new byte[2][];
        withoutConscrypt(() -> {
            Identity identity = Identity.generate();
            identity.save(file);
            pureJava[0] = identity.sign(MESSAGE);
            pureJava[1] = identity.publicKey().toBytes();
        });
        Identity reloaded = Identity.load(file);
        byte[] signature = reloaded.sign(MESSAGE);

        assertThat(signature).isEqualTo(pureJava[0]);
        assertThat(PublicKey.fromBytes(pureJava[1]).verify(MESSAGE, pureJava[0]))
                .isTrue();
        assertThat(PublicKey.fromBytes(pureJava[1]).verify("another".getBytes(StandardCharsets.UTF_8), pureJava[0]))
                .isFalse();
    }

    /** Runs {@code body} with Conscrypt unregistered, as on a platform without it, then restores it. */
    private static void withoutConscrypt(Runnable body) {
        Provider conscrypt = Security.getProvider(CONSCRYPT);
        Security.removeProvider(CONSCRYPT);
        try {
            body.run();
        } finally {
            if (conscrypt != null) {
                Security.addProvider(conscrypt);
            }
        }
    }
}
