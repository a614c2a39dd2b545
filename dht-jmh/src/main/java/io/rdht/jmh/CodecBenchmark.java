package io.rdht.jmh;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.sign.ValueSigner;
import io.rdht.core.wire.Body;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.MalformedMessageException;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.ValuesFound;
import io.rdht.core.wire.WireCodec;
import io.rdht.crypto.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding and decoding of typical messages with {@link WireCodec}, the work every datagram sent
 * or received costs. Signed readings carry a real owner key and signature (the codec does not
 * check them, but their bytes travel).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

    /** Contacts in a reply: K. */
    private static final int CONTACTS = 8;
    /** Readings in a values reply. */
    private static final int READINGS = 4;

    /** The messages measured. */
    public enum Message {
        /** A lookup's request for the contacts closest to a target. */
        FIND_NODE,
        /** The answer to a find-node: 8 contacts and a write token. */
        NODES,
        /** A put of one signed reading. */
        PUT,
        /** The answer to a get: 4 signed readings, 8 contacts and a write token. */
        VALUES
    }

    /** The message encoded and decoded; every one of them by default. */
    @Param
    public Message message;

    private final WireCodec codec = new WireCodec();
    private Envelope envelope;
    private byte[] encoded;

    /** Builds the message and checks that its encoding decodes to it again. */
    @Setup
    public void setUp() throws MalformedMessageException {
        Samples samples = new Samples(1);
        envelope = new Envelope(0, samples.transactionId(), samples.id(), body(samples));
        encoded = codec.encode(envelope);
        if (!codec.decode(encoded).equals(envelope)) {
            throw new IllegalStateException(message + " does not decode to the message it was encoded from");
        }
    }

    /** Encodes the message. */
    @Benchmark
    public byte[] encode() {
        return codec.encode(envelope);
    }

    /** Decodes the message's bytes. */
    @Benchmark
    public Envelope decode() throws MalformedMessageException {
        return codec.decode(encoded);
    }

    private Body body(Samples samples) {
        InfoHash key = samples.id();
        return switch (message) {
            case FIND_NODE -> new FindNode(key);
            case NODES -> new Nodes(samples.contacts(CONTACTS), samples.token());
            case PUT -> new PutValues(key, samples.token(), signedReadings(samples, key, 1));
            case VALUES ->
                new ValuesFound(
                        signedReadings(samples, key, READINGS), samples.contacts(CONTACTS), samples.token(), false);
        };
    }

    /** Readings of {@code count} sensors, each signed by its own identity. */
    private static List<Value> signedReadings(Samples samples, InfoHash key, int count) {
        List<Value> readings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            readings.add(ValueSigner.sign(key, samples.reading(), Identity.generate()));
        }
        return readings;
    }
}
