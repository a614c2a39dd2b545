package io.rdht.crypto;

import java.security.Security;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.conscrypt.Conscrypt;

/**
 * What runs Tink's Ed25519 and X25519 in this process: Conscrypt (BoringSSL's native code) where
 * its library loads, else Tink's own pure Java.
 *
 * <p>Tink uses Conscrypt only when a provider of that name is registered with the JDK. The first use
 * of this package registers it, last in the JDK's list of providers, so that nothing else that asks
 * the JDK for an algorithm by name gets it instead of the JDK's own. On this project's reference
 * machine Conscrypt signs about 5 times and verifies about 3.5 times as fast as the pure Java (see
 * docs/BENCHMARKS.md). Both make the same RFC 8032 signatures, and {@link PublicKey#verify} applies
 * the same strict rules before either runs.
 *
 * <p>Setting the system property {@value #PROPERTY} to {@code off} keeps the pure Java, as does a
 * platform for which Conscrypt has no library (it ships them for Linux and macOS on x86-64 and
 * ARM64, and Windows on x86-64; on Linux it needs glibc 2.35 or newer), a JVM that may not load
 * native code, and a class path without Conscrypt's jar.
 */
public final class CryptoEngine {

    /** The system property that turns Conscrypt off when it is {@code off}. */
    public static final String PROPERTY = "rdht.conscrypt";

    private static final String PROVIDER = "Conscrypt";
    private static final boolean NATIVE = installIfPresent();

    private CryptoEngine() {}

    /**
     * Whether Conscrypt runs this process's signatures and encryption.
     *
     * @return {@code true} for Conscrypt, {@code false} for Tink's pure Java
     */
    public static boolean isNative() {
        return NATIVE;
    }

    /**
     * The engine in words, for reports: {@code "Tink on Conscrypt 2.6.0 (BoringSSL)"} or {@code
     * "Tink, pure Java"}.
     *
     * @return a short description
     */
    public static String describe() {
        if (!NATIVE) {
            return "Tink, pure Java";
        }
        Conscrypt.Version v = Conscrypt.version();
        return "Tink on Conscrypt " + v.major() + "." + v.minor() + "." + v.patch() + " (BoringSSL)";
    }

    private static boolean installIfPresent() {
        try {
            return install(System.getProperty(PROPERTY), Conscrypt::isAvailable);
        } catch (NoClassDefFoundError e) {
            // an application that left Conscrypt's jar out of its class path
            return false;
        }
    }

    /**
     * Registers Conscrypt unless {@code setting} is {@code off} or {@code available} says its library
     * does not load here.
     *
     * @return whether Conscrypt is registered afterwards
     */
    static boolean install(String setting, BooleanSupplier available) {
        if (setting != null && setting.strip().toLowerCase(Locale.ROOT).equals("off")) {
            return Security.getProvider(PROVIDER) != null;
        }
        if (Security.getProvider(PROVIDER) == null && available.getAsBoolean()) {
            Security.addProvider(Conscrypt.newProvider());
        }
        return Security.getProvider(PROVIDER) != null;
    }
}
