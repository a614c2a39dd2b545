package io.rdht.jmh;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.sign.SignatureVerifier;
import io.rdht.core.sign.ValueSigner;
import io.rdht.crypto.Identity;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signing a reading with {@link ValueSigner}, as a sensor does before each put, and verifying it
 * with {@link SignatureVerifier}, as every storer does before it stores and every reader before it
 * hands the value on. Both include building the signed content; the verifier has the owner's key
 * cached, as it has for a sensor it hears from again.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBenchmark {

    private final SignatureVerifier verifier = new SignatureVerifier();
    private InfoHash key;
    private Identity owner;
    private Value reading;
    private Value signed;

    /** Makes the owner and the reading, and checks that the signed reading verifies. */
    @Setup
    public void setUp() {
        Samples samples = new Samples(4);
        key = samples.id();
        owner = Identity.generate();
        reading = samples.reading();
        signed = ValueSigner.sign(key, reading, owner);
        verifier.problemWith(key, signed).ifPresent(problem -> {
            throw new IllegalStateException("a reading signed here does not verify: " + problem);
        });
    }

    /** Signs the reading. */
    @Benchmark
    public Value sign() {
        return ValueSigner.sign(key, reading, owner);
    }

    /** Verifies the signed reading: empty when it is valid. */
    @Benchmark
    public Optional<String> verify() {
        return verifier.problemWith(key, signed);
    }
}
