package io.rdht.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireCodecRoundTripTest {
    private final WireCodec codec = new WireCodec();
    private final WireTestData data = new WireTestData(1);

    static Stream<Envelope> oneOfEachKind() {
        return new WireTestData(7).oneOfEachKind().stream();
    }

    private Envelope roundTrip(Envelope e) throws MalformedMessageException {
        return codec.decode(codec.encode(e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneOfEachKind")
    void everyKindDecodesToTheEnvelopeItWasEncodedFrom(Envelope e) throws MalformedMessageException {
        assertThat(roundTrip(e)).isEqualTo(e);
    }

    @Test
    void readOnlyFlagTravelsAndDefaultsToFalse() throws MalformedMessageException {
        Envelope readOnly = new Envelope(5, 9, InfoHash.of("client"), new Ping(), true);
        assertThat(codec.decode(codec.encode(readOnly)).readOnly()).isTrue();
        assertThat(codec.decode(codec.encode(new Envelope(5, 9, InfoHash.of("node"), new Ping())))
                        .readOnly())
                .isFalse();
    }

    @Test
    void bothFamiliesFlagTravelsAsBitOneOfTheFlagsBesideReadOnly() throws MalformedMessageException {
        byte[] ping = codec.encode(new Envelope(5, 9, InfoHash.of("dual"), new Ping(), true, true));
        assertThat(ping[ping.length - 1]).as("flags, the last field of a ping").isEqualTo((byte) 3);
        Envelope decoded = codec.decode(ping);
        assertThat(decoded.bothFamilies()).isTrue();
        assertThat(decoded.readOnly()).isTrue();
        assertThat(codec.decode(codec.encode(new Envelope(5, 9, InfoHash.of("v4"), new Ping(), false)))
                        .bothFamilies())
                .isFalse();
    }

    @Test
    void listenForPushesAtOnceIsSentInTheFormOfVersionZeroOneAndTheDelayedOneWithItsDelay()
            throws MalformedMessageException {
        Listen atOnce = new Listen(data.id(), data.token(), 7, List.of(), null);
        Listen delayed = new Listen(data.id(), data.token(), 7, List.of(), null, 1_000);

        byte[] zeroOne = codec.encode(data.envelope(atOnce));
        byte[] withDelay = codec.encode(data.envelope(delayed));

        assertThat(zeroOne[0])
                .as("an array of 6 header and 5 body fields, as 0.1.0 sends")
                .isEqualTo((byte) 0x8b);
        assertThat(withDelay[0]).as("and the push delay as a sixth body field").isEqualTo((byte) 0x8c);
        assertThat(codec.decode(zeroOne).body()).isEqualTo(atOnce);
        assertThat(codec.decode(withDelay).body()).isEqualTo(delayed);
    }

    @Test
    void valueWithLargestDataSurvivesTheWire() throws MalformedMessageException {
        Value big = data.value(Value.MAX_DATA_BYTES);
        Envelope put = data.envelope(new PutValues(data.id(), data.token(), List.of(big)));

        PutValues decoded = (PutValues) roundTrip(put).body();

        assertThat(decoded.values().getFirst().data()).isEqualTo(big.data());
        assertThat(decoded).isEqualTo(put.body());
    }

    @Test
    void sixteenContactsWithIpv4AndIpv6AddressesSurviveTheWire() throws MalformedMessageException {
        List<NodeInfo> contacts = new ArrayList<>(data.contacts(14));
        contacts.add(new NodeInfo(
                data.id(),
                new InetSocketAddress(
                        WireTestData.address(
                                new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}),
                        65535)));
        contacts.add(new NodeInfo(
                data.id(), new InetSocketAddress(WireTestData.address(new byte[] {127, 0, 0, 1}), 1)));
        Envelope nodes = data.envelope(new Nodes(contacts, data.token()));

        assertThat(roundTrip(nodes)).isEqualTo(nodes);
        assertThat(((Nodes) roundTrip(nodes).body())
                        .closest()
                        .get(14)
                        .address()
                        .getAddress()
                        .getAddress())
                .hasSize(16);
    }

    @Test
    void ownerSignatureAndRecipientSurviveWhetherPresentOrAbsent() throws MalformedMessageException {
        Value unsigned =
                Value.builder().text("plain").ttl(Duration.ofSeconds(1)).build();
        Value signed = unsigned.toBuilder()
                .owner(data.bytes(32))
                .signature(data.bytes(64))
                .build();
        Value sealed = signed.toBuilder().recipient(data.bytes(32)).build();
        Envelope reply =
                data.envelope(new ValuesFound(List.of(unsigned, signed, sealed), List.of(), Token.NONE, false));

        List<Value> decoded = ((ValuesFound) roundTrip(reply).body()).values();

        assertThat(decoded).containsExactly(unsigned, signed, sealed);
        assertThat(decoded.get(0).owner()).isNull();
        assertThat(decoded.get(2).recipient()).isEqualTo(sealed.recipient());
    }

    @Test
    void sixtyFourBitNumbersKeepEveryBitIncludingNegativeLongs() throws MalformedMessageException {
        List<Long> extremes = List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x8000_0000_0000_0001L);
        for (long n : extremes) {
            long nonNegative = n & Long.MAX_VALUE;
            Value v = Value.builder()
                    .id(n)
                    .seq(n)
                    .ttl(Duration.ofMillis(Math.max(1, nonNegative)))
                    .created(Instant.ofEpochMilli(nonNegative))
                    .build();
            Envelope put = new Envelope((int) n, n, data.id(), new PutValues(data.id(), data.token(), List.of(v)));
            Envelope stored = new Envelope(
                    (int) (n >>> 32),
                    n,
                    data.id(),
                    new Stored(extremes, List.of(new Stored.Rejection(n, ErrorCode.INVALID_VALUE, "x"))));
            Envelope fragment = new Envelope(0, n, data.id(), new Fragment(n, 0, 2, new byte[] {1}));

            assertThat(roundTrip(put)).as("put %d", n).isEqualTo(put);
            assertThat(roundTrip(stored)).as("stored %d", n).isEqualTo(stored);
            assertThat(roundTrip(fragment)).as("fragment %d", n).isEqualTo(fragment);
        }
    }

    @Test
    void errorCodeUnknownToThisNodeReadsAsUnknown() throws MalformedMessageException {
        byte[] error = Cbor.of(g -> {
            Cbor.header(g, Kind.ERROR.arrayLength(), Kind.ERROR);
            g.writeNumber(23);
            g.writeString("from a newer peer");
            g.writeEndArray();
        });

        assertThat(codec.decode(error).body()).isEqualTo(new ErrorReply(ErrorCode.UNKNOWN, "from a newer peer"));
    }

    @Test
    void ipv4MappedIpv6AddressReadsAsIpv4() throws MalformedMessageException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        byte[] nodes = Cbor.of(g -> {
            Cbor.header(g, Kind.NODES.arrayLength(), Kind.NODES);
            g.writeStartArray(null, 1);
            g.writeStartArray(null, 3);
            g.writeBinary(new byte[20]);
            g.writeBinary(mapped);
            g.writeNumber(4000);
            g.writeEndArray();
            g.writeEndArray();
            g.writeBinary(new byte[0]);
            g.writeEndArray();
        });

        NodeInfo contact = ((Nodes) codec.decode(nodes).body()).closest().getFirst();

        assertThat(contact.address()).isEqualTo(new InetSocketAddress("10.0.0.1", 4000));
    }

    @Test
    void pingIsSmallAndStartsWithVersionNetworkAndKind() {
        Envelope ping = new Envelope(5, 9, InfoHash.of("me"), new Ping());

        byte[] encoded = codec.encode(ping);

        // array of 5, version 1, network 5, kind 0, transaction 9, then a 20-byte string
        assertThat(encoded).startsWith(0x86, 0x01, 0x05, 0x00, 0x09, 0x54).hasSize(27);
    }

    @Test
    void encodeRefusesValuesAPeerWouldRefuse() {
        Value zeroTtl = Value.builder().text("x").ttl(Duration.ZERO).build();
        Value shortOwner = Value.builder().text("x").owner(new byte[31]).build();
        Value longSignature = Value.builder().text("x").signature(new byte[65]).build();
        Value tooBig = Value.builder().data(new byte[Value.MAX_DATA_BYTES + 1]).build();
        Value longType = Value.builder()
                .text("x")
                .contentType("t".repeat(WireLimits.MAX_CONTENT_TYPE + 1))
                .build();

        for (Value bad : List.of(zeroTtl, shortOwner, longSignature, tooBig, longType)) {
            assertThatThrownBy(() -> codec.encode(data.envelope(new PutValues(data.id(), Token.NONE, List.of(bad)))))
                    .as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void encodeRefusesMessagesLargerThanTheReassemblyLimit() {
        Envelope huge = data.envelope(new PutValues(data.id(), Token.NONE, data.values(5, Value.MAX_DATA_BYTES)));

        assertThatThrownBy(() -> codec.encode(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds " + WireLimits.MAX_MESSAGE_BYTES);
    }
}
