package io.rdht.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.core.Value;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FragmentationTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("10.0.0.7", 4222);

    private final WireCodec codec = new WireCodec();
    private final Fragmenter fragmenter = new Fragmenter(codec);
    private final WireTestData data = new WireTestData(3);

    @Test
    void messageThatFitsIsOneDatagramHoldingItsOwnEncoding() {
        Envelope ping = data.envelope(new Ping());

        List<byte[]> datagrams = fragmenter.split(ping, 1);

        assertThat(datagrams).singleElement().isEqualTo(codec.encode(ping));
    }

    @Test
    void putOf64KiBValueIsReassembledFromShuffledAndRepeatedFragments() throws MalformedMessageException {
        Envelope put = data.envelope(new PutValues(data.id(), data.token(), List.of(data.value(Value.MAX_DATA_BYTES))));

        List<byte[]> datagrams = fragmenter.split(put, 77);
        List<byte[]> delivered = new ArrayList<>(datagrams);
        delivered.addAll(datagrams.subList(0, 10));
        Collections.shuffle(delivered, new Random(3));

        assertThat(datagrams).hasSizeGreaterThan(50);
        assertThat(reassemble(delivered)).isEqualTo(put);
    }

    @Test
    void replyOf200ValuesIsReassembledFromFragmentsInReverseOrder() throws MalformedMessageException {
        Envelope reply = data.envelope(new ValuesFound(data.values(200, 64), data.contacts(16), data.token(), true));

        List<byte[]> datagrams = new ArrayList<>(fragmenter.split(reply, -5));
        Collections.reverse(datagrams);

        assertThat(reassemble(datagrams)).isEqualTo(reply);
    }

    @Test
    void everyFragmentFitsADatagramAndCarriesTheMessagesHeader() throws MalformedMessageException {
        Envelope reply = data.envelope(new ValuesFound(data.values(200, 64), data.contacts(16), data.token(), false));

        for (byte[] datagram : fragmenter.split(reply, Long.MIN_VALUE)) {
            Envelope fragment = codec.decode(datagram);
            assertThat(datagram.length).isLessThanOrEqualTo(WireLimits.DATAGRAM_PAYLOAD);
            assertThat(fragment.networkId()).isEqualTo(reply.networkId());
            assertThat(fragment.transactionId()).isEqualTo(reply.transactionId());
            assertThat(fragment.sender()).isEqualTo(reply.sender());
            assertThat(fragment.body())
                    .isInstanceOfSatisfying(
                            Fragment.class, f -> assertThat(f.messageId()).isEqualTo(Long.MIN_VALUE));
        }
    }

    @Test
    void largestMessageNeedsNoMoreThanTheMostFragmentsWithLongestHeaders() {
        Value big = data.value(Value.MAX_DATA_BYTES);
        Value empty = big.toBuilder().data(new byte[0]).build();
        int withoutLastData = codec.encode(largestPut(big, empty)).length;
        Value filler = empty.toBuilder()
                .data(new byte[WireLimits.MAX_MESSAGE_BYTES - withoutLastData - 2])
                .build();
        Envelope put = largestPut(big, filler);
        int encoded = codec.encode(put).length;

        List<byte[]> datagrams = fragmenter.split(put, -1);

        assertThat(encoded)
                .isBetween(WireLimits.MAX_MESSAGE_BYTES - Fragmenter.CHUNK_BYTES, WireLimits.MAX_MESSAGE_BYTES);
        assertThat(datagrams)
                .hasSizeLessThanOrEqualTo(WireLimits.MAX_FRAGMENTS)
                .allSatisfy(d -> assertThat(d.length).isLessThanOrEqualTo(WireLimits.DATAGRAM_PAYLOAD));
    }

    private Envelope largestPut(Value big, Value last) {
        return new Envelope(
                -1, -1, data.id(), new PutValues(data.id(), Token.of(new byte[32]), List.of(big, big, big, last)));
    }

    @Test
    void messageLargerThanTheReassemblyLimitIsRefused() {
        Envelope huge = data.envelope(new PutValues(data.id(), data.token(), data.values(5, Value.MAX_DATA_BYTES)));

        assertThatThrownBy(() -> fragmenter.split(huge, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private Envelope reassemble(List<byte[]> datagrams) throws MalformedMessageException {
        Reassembler reassembler = new Reassembler();
        Optional<byte[]> whole = Optional.empty();
        long now = 0;
        for (byte[] datagram : datagrams) {
            Fragment fragment = (Fragment) codec.decode(datagram).body();
            Optional<byte[]> result = reassembler.accept(PEER, fragment, now++);
            if (result.isPresent()) {
                assertThat(whole).as("message completed twice").isEmpty();
                whole = result;
            }
        }
        assertThat(whole).as("message completed").isPresent();
        return codec.decode(whole.orElseThrow());
    }
}
