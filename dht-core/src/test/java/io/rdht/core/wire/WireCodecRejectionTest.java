package io.rdht.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.rdht.core.InfoHash;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class WireCodecRejectionTest {
    private final WireCodec codec = new WireCodec();
    private final WireTestData data = new WireTestData(2);

    private AbstractThrowableAssert<?, ? extends Throwable> assertMalformed(byte[] input) {
        return assertThatThrownBy(() -> codec.decode(input)).isInstanceOf(MalformedMessageException.class);
    }

    /**
     * A ping of 27 bytes: array of 6 (0x86), version 1, network 5, kind 0, transaction 9, then the
     * sender id's head (0x54) at offset 5 and its 20 bytes, then the flags (0).
     */
    private byte[] ping() {
        return codec.encode(new Envelope(5, 9, InfoHash.of("sender"), new Ping()));
    }

    /** A ping turned into a find_node whose target is {@code target}: bytes of a head and content. */
    private byte[] findNodeWithTarget(byte[] target) {
        byte[] findNode = Cbor.concat(ping(), target);
        findNode[0] = (byte) 0x87;
        findNode[3] = (byte) Kind.FIND_NODE.number();
        return findNode;
    }

    @Test
    void otherProtocolVersionIsMalformed() {
        byte[] ping = ping();
        ping[1] = 0x02;

        assertMalformed(ping).hasMessageContaining("version 2");
    }

    @Test
    void unassignedKindNumberIsMalformed() {
        byte[] ping = ping();
        ping[3] = 0x09;

        assertMalformed(ping).hasMessageContaining("unknown kind 9");
    }

    @Test
    void reservedKindNumberIsMalformedUntilItsMessageIsImplemented() {
        byte[] ping = ping();
        ping[3] = 0x06;

        assertMalformed(ping).hasMessageContaining("refresh").hasMessageContaining("reserved");
    }

    @Test
    void kindWithAnExtraFieldIsMalformed() {
        byte[] ping = Cbor.concat(ping(), Cbor.bytes(0x00));
        ping[0] = (byte) 0x87;

        assertMalformed(ping).hasMessageContaining("fields, expected 6");
    }

    @Test
    void listenWithFewerFieldsThanVersionZeroOneSentIsMalformed() {
        byte[] listen = codec.encode(data.envelope(new Listen(data.id(), data.token(), 7, List.of(), null)));
        listen[0] = (byte) 0x8a;

        assertMalformed(listen).hasMessageContaining("10 fields, expected 11 to 12");
    }

    @Test
    void everyTruncationOfAMessageIsMalformed() {
        byte[] put = codec.encode(data.envelope(new PutValues(data.id(), data.token(), data.values(2, 30))));

        for (int length = 0; length < put.length; length++) {
            assertMalformed(Arrays.copyOf(put, length)).as("first %d of %d bytes", length, put.length);
        }
    }

    @Test
    void trailingByteAfterTheMessageIsMalformed() {
        assertMalformed(Cbor.concat(ping(), Cbor.bytes(0x00))).hasMessageContaining("1 bytes after the message");
    }

    @Test
    void secondMessageAfterTheFirstIsMalformed() {
        assertMalformed(Cbor.concat(ping(), ping())).hasMessageContaining("after the message");
    }

    @Test
    void floatWhereAnIntegerIsExpectedIsMalformed() {
        assertMalformed(pingWithField(0, g -> g.writeNumber(1.0))).hasMessageContaining("version has the wrong type");
        assertMalformed(pingWithField(3, g -> g.writeNumber(42.0f)))
                .hasMessageContaining("transaction id has the wrong type");
        assertMalformed(putWithValueField(4, g -> g.writeNumber(60_000.0)))
                .hasMessageContaining("ttl has the wrong type");
    }

    @Test
    void numberWrittenAsTextIsMalformed() {
        assertMalformed(pingWithField(0, g -> g.writeString("1"))).hasMessageContaining("version has the wrong type");
    }

    @Test
    void base64TextWhereBytesAreExpectedIsMalformed() {
        String base64 = Base64.getEncoder().encodeToString(new byte[20]);

        assertMalformed(pingWithField(4, g -> g.writeString(base64)))
                .hasMessageContaining("sender id has the wrong type");
    }

    @Test
    void negativeNumberWhereAnUnsignedOneIsExpectedIsMalformed() {
        byte[] ping = ping();
        ping[4] = 0x28; // transaction id 9 becomes -9

        assertMalformed(ping).hasMessageContaining("transaction id has the wrong type");
    }

    @Test
    void declaredByteStringLongerThanTheDatagramAllocatesNothing() {
        byte[] claims2To31 = findNodeWithTarget(Cbor.bytes(0x5a, 0x80, 0, 0, 0));
        byte[] claims250k = findNodeWithTarget(Cbor.bytes(0x5a, 0x00, 0x03, 0xd0, 0x90));
        byte[] claims2To63 = findNodeWithTarget(Cbor.bytes(0x5b, 0x80, 0, 0, 0, 0, 0, 0, 0));
        byte[] taggedBignumClaims250k = Cbor.bytes(0x86, 0x01, 0x00, 0x00, 0xc2, 0x5a, 0x00, 0x03, 0xd0, 0x90, 0, 0);

        for (byte[] hostile : List.of(claims2To31, claims250k, claims2To63, taggedBignumClaims250k)) {
            assertThat(hostile.length).isLessThanOrEqualTo(36);
            long allocated = allocatedWhileDecoding(hostile);
            assertThat(allocated)
                    .as("bytes allocated decoding %d hostile bytes", hostile.length)
                    .isLessThan(16 * 1024);
        }
    }

    @Test
    void declaredLengthBeyondItsLimitIsMalformedEvenIfPresent() {
        assertMalformed(findNodeWithTarget(Cbor.concat(Cbor.bytes(0x55), new byte[21])))
                .hasMessageContaining("target of 21 bytes, expected 20");
    }

    @Test
    void seventeenContactsAreMalformed() {
        assertMalformed(Cbor.of(g -> {
                    Cbor.header(g, Kind.NODES.arrayLength(), Kind.NODES);
                    g.writeStartArray(null, 17);
                    for (int i = 0; i < 17; i++) {
                        g.writeStartArray(null, 3);
                        g.writeBinary(new byte[20]);
                        g.writeBinary(new byte[] {10, 0, 0, 1});
                        g.writeNumber(4000 + i);
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                    g.writeBinary(new byte[0]);
                    g.writeEndArray();
                }))
                .hasMessageContaining("contacts has 17 items, more than 16");
    }

    @Test
    void contactWithPortZeroOrAFiveByteAddressIsMalformed() {
        assertMalformed(nodesWithContact(new byte[] {10, 0, 0, 1}, 0)).hasMessageContaining("port 0");
        assertMalformed(nodesWithContact(new byte[] {10, 0, 0, 1, 1}, 80)).hasMessageContaining("address of 5 bytes");
        assertMalformed(nodesWithContact(new byte[] {10, 0, 0, 1}, 65536)).hasMessageContaining("port 65536");
    }

    @Test
    void ownerSignatureOrRecipientOfTheWrongLengthIsMalformed() {
        assertMalformed(putWithValueField(6, g -> g.writeBinary(new byte[31]))).hasMessageContaining("owner of 31");
        assertMalformed(putWithValueField(6, g -> g.writeBinary(new byte[33]))).hasMessageContaining("owner of 33");
        assertMalformed(putWithValueField(7, g -> g.writeBinary(new byte[63]))).hasMessageContaining("signature of 63");
        assertMalformed(putWithValueField(7, g -> g.writeBinary(new byte[65]))).hasMessageContaining("signature of 65");
        assertMalformed(putWithValueField(8, g -> g.writeBinary(new byte[0]))).hasMessageContaining("recipient of 0");
    }

    @Test
    void idsOfTheWrongLengthAreMalformed() {
        byte[] ping = ping();
        byte[] shortSender = Cbor.concat(Arrays.copyOf(ping, 5), Cbor.bytes(0x53), Arrays.copyOfRange(ping, 6, 25));

        assertMalformed(shortSender).hasMessageContaining("sender id of 19 bytes, expected 20");
        assertMalformed(Cbor.of(g -> {
                    Cbor.header(g, Kind.NODES.arrayLength(), Kind.NODES);
                    g.writeStartArray(null, 0);
                    g.writeEndArray();
                    g.writeBinary(new byte[WireLimits.MAX_TOKEN_BYTES + 1]);
                    g.writeEndArray();
                }))
                .hasMessageContaining("token of 33 bytes");
    }

    @Test
    void ttlOfZeroIsMalformed() {
        assertMalformed(putWithValueField(4, g -> g.writeNumber(0))).hasMessageContaining("ttl 0");
    }

    @Test
    void nullIsMalformedWhereTheFieldIsRequired() {
        assertMalformed(putWithValueField(2, CBORGenerator::writeNull))
                .hasMessageContaining("value data has the wrong type");
        assertMalformed(putWithValueField(3, CBORGenerator::writeNull))
                .hasMessageContaining("content type has the wrong type");
    }

    @Test
    void undefinedIsNotNull() {
        byte[] put = putWithValueField(6, g -> g.writeBoolean(true));

        assertMalformed(Cbor.replaceOnly(put, 0xf5, 0xf7)).hasMessageContaining("owner has the wrong type");
    }

    @Test
    void cborSimpleValueIsNotAnInteger() {
        byte[] put = putWithValueField(1, g -> g.writeBoolean(true));

        assertMalformed(Cbor.replaceOnly(put, 0xf5, 0xe5)).hasMessageContaining("seq has the wrong type");
    }

    @Test
    void valueWithTheValidFieldsDecodes() throws MalformedMessageException {
        assertThat(codec.decode(putWithValueField(0, g -> g.writeNumber(7))).body())
                .isInstanceOf(PutValues.class);
    }

    @Test
    void taggedItemIsMalformed() {
        byte[] ping = ping();
        byte[] tagged = Cbor.concat(Arrays.copyOf(ping, 4), Cbor.bytes(0xc1), Arrays.copyOfRange(ping, 4, ping.length));

        assertMalformed(tagged).hasMessageContaining("transaction id is tagged");
    }

    @Test
    void indefiniteLengthArrayIsMalformed() {
        byte[] ping = Cbor.concat(ping(), Cbor.bytes(0xff));
        ping[0] = (byte) 0x9f;

        assertMalformed(ping).hasMessageContaining("indefinite");
    }

    @Test
    void mapInsteadOfArrayIsMalformed() {
        assertMalformed(Cbor.of(g -> {
                    g.writeStartObject();
                    g.writeFieldName("version");
                    g.writeNumber(1);
                    g.writeEndObject();
                }))
                .hasMessageContaining("message has the wrong type");
    }

    @Test
    void emptyDatagramIsMalformed() {
        assertMalformed(new byte[0]).hasMessageContaining("truncated");
    }

    @Test
    void invalidUtf8TextIsMalformed() {
        byte[] error = codec.encode(new Envelope(5, 9, InfoHash.of("sender"), new ErrorReply(ErrorCode.UNKNOWN, "ab")));
        byte[] badText = Cbor.bytes(0x62, 0xc3, 0x28); // 0xc3 starts a 2-byte sequence; 0x28 cannot continue it

        assertMalformed(Cbor.concat(Arrays.copyOf(error, error.length - 3), badText))
                .hasMessageContaining("UTF-8");
    }

    @Test
    void aGetPagePositionOfOneOrThreeFieldsOrAShortOwnerIsMalformed() {
        assertMalformed(getAfter(1, g -> g.writeNumber(7))).hasMessageContaining("page position of 1 fields");
        assertMalformed(getAfter(3, g -> {
                    g.writeNumber(7);
                    g.writeNull();
                    g.writeNumber(8);
                }))
                .hasMessageContaining("page position has 3 items, more than 2");
        assertMalformed(getAfter(2, g -> {
                    g.writeNumber(7);
                    g.writeBinary(new byte[31]);
                }))
                .hasMessageContaining("owner of 31 bytes");
    }

    /** A get whose position array holds the {@code count} items {@code fields} writes. */
    private static byte[] getAfter(int count, Cbor.Items fields) {
        return Cbor.of(g -> {
            Cbor.header(g, Kind.GET.arrayLength(), Kind.GET);
            g.writeBinary(new byte[20]);
            g.writeBinary(Token.NONE.toBytes());
            g.writeStartArray(null, count);
            fields.write(g);
            g.writeEndArray();
            g.writeEndArray();
        });
    }

    @Test
    void putWithoutValuesIsMalformed() {
        assertMalformed(Cbor.of(g -> {
                    Cbor.header(g, Kind.PUT.arrayLength(), Kind.PUT);
                    g.writeBinary(new byte[20]);
                    g.writeBinary(new byte[0]);
                    g.writeStartArray(null, 0);
                    g.writeEndArray();
                    g.writeEndArray();
                }))
                .hasMessageContaining("at least one value");
    }

    @Test
    void fragmentOfOnePieceOrWithIndexBeyondCountIsMalformed() {
        assertMalformed(fragment(0, 1)).hasMessageContaining("fragment count 1");
        assertMalformed(fragment(3, 3)).hasMessageContaining("fragment index 3");
    }

    @Test
    void messageLongerThanTheReassemblyLimitIsMalformedBeforeParsing() {
        assertMalformed(new byte[WireLimits.MAX_MESSAGE_BYTES + 1]).hasMessageContaining("exceeds");
    }

    /** A ping whose header field {@code index} is written by {@code field}, the others valid. */
    private static byte[] pingWithField(int index, Cbor.Items field) {
        List<Cbor.Items> fields = new ArrayList<>(List.of(
                g -> g.writeNumber(WireLimits.VERSION),
                g -> g.writeNumber(5),
                g -> g.writeNumber(Kind.PING.number()),
                g -> g.writeNumber(9),
                g -> g.writeBinary(new byte[20]),
                g -> g.writeNumber(0)));
        fields.set(index, field);
        return Cbor.of(g -> {
            g.writeStartArray(null, Kind.HEADER_FIELDS);
            for (Cbor.Items f : fields) {
                f.write(g);
            }
            g.writeEndArray();
        });
    }

    private static byte[] fragment(int index, int count) {
        return Cbor.of(g -> {
            Cbor.header(g, Kind.FRAGMENT.arrayLength(), Kind.FRAGMENT);
            g.writeNumber(1);
            g.writeNumber(index);
            g.writeNumber(count);
            g.writeBinary(new byte[10]);
            g.writeEndArray();
        });
    }

    private static byte[] nodesWithContact(byte[] ip, int port) {
        return Cbor.of(g -> {
            Cbor.header(g, Kind.NODES.arrayLength(), Kind.NODES);
            g.writeStartArray(null, 1);
            g.writeStartArray(null, 3);
            g.writeBinary(new byte[20]);
            g.writeBinary(ip);
            g.writeNumber(port);
            g.writeEndArray();
            g.writeEndArray();
            g.writeBinary(new byte[0]);
            g.writeEndArray();
        });
    }

    /** A put of one value whose field {@code index} is written by {@code field}, the others valid. */
    private static byte[] putWithValueField(int index, Cbor.Items field) {
        List<Cbor.Items> fields = new ArrayList<>(List.of(
                g -> g.writeNumber(1),
                g -> g.writeNumber(2),
                g -> g.writeBinary(new byte[] {1, 2, 3}),
                g -> g.writeString("text/plain"),
                g -> g.writeNumber(60_000),
                g -> g.writeNumber(1_700_000_000_000L),
                g -> g.writeBinary(new byte[32]),
                g -> g.writeBinary(new byte[64]),
                CBORGenerator::writeNull));
        fields.set(index, field);
        return Cbor.of(g -> {
            Cbor.header(g, Kind.PUT.arrayLength(), Kind.PUT);
            g.writeBinary(new byte[20]);
            g.writeBinary(new byte[4]);
            g.writeStartArray(null, 1);
            g.writeStartArray(null, 9);
            for (Cbor.Items f : fields) {
                f.write(g);
            }
            g.writeEndArray();
            g.writeEndArray();
            g.writeEndArray();
        });
    }

    private long allocatedWhileDecoding(byte[] input) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        decodeExpectingMalformed(input); // warm up: class loading and Jackson's buffer pools
        long before = threads.getCurrentThreadAllocatedBytes();
        decodeExpectingMalformed(input);
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private void decodeExpectingMalformed(byte[] input) {
        try {
            codec.decode(input);
            throw new AssertionError("decoded a hostile datagram");
        } catch (MalformedMessageException expected) {
            // the point is how much decoding allocated before refusing
        }
    }
}
