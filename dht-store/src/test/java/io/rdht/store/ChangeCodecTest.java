package io.rdht.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import io.rdht.core.state.SavedValue;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeCodecTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");

    @Test
    void everyFieldOfASavedValueAndARemovalComesBackInOrder() throws Exception {
        byte[] owner = filled(32, 1);
        Value signed = Value.builder()
                .id(-7)
                .seq(42)
                .data(filled(300, 2))
                .contentType("application/json; charset=utf-8")
                .ttl(Duration.ofMinutes(10))
                .created(Instant.ofEpochMilli(1_800_000_000_123L))
                .owner(owner)
                .signature(filled(64, 3))
                .recipient(filled(32, 4))
                .build();
        SavedValue saved = new SavedValue(KEY, signed, InetAddress.getByName("::1"), 1_800_000_600_123L);
        ChangeCodec codec = new ChangeCodec();
        codec.save(saved);
        codec.remove(KEY, new ValueIdentity(9, owner));
        assertThat(codec.changes()).isEqualTo(2);

        Recorder read = new Recorder();
        ChangeCodec.read(codec.take(), read);

        assertThat(read.changes).hasSize(2);
        SavedValue back = (SavedValue) read.changes.get(0);
        assertThat(back.key()).isEqualTo(KEY);
        assertThat(back.source()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(back.expiresAtMillis()).isEqualTo(1_800_000_600_123L);
        assertThat(back.value()).usingRecursiveComparison().isEqualTo(signed);
        assertThat(read.changes.get(1)).isEqualTo(new Slot(KEY, new ValueIdentity(9, owner)));
        assertThat(codec.size()).as("emptied by take").isZero();
    }

    @Test
    void aBatchNotInTheFormatOrCutShortIsRefusedAfterTheChangesBeforeIt() throws Exception {
        ChangeCodec codec = new ChangeCodec();
        codec.save(
                new SavedValue(KEY, Value.builder().id(1).text("whole").build(), InetAddress.getLoopbackAddress(), 1));
        codec.save(new SavedValue(KEY, Value.builder().id(2).text("cut").build(), InetAddress.getLoopbackAddress(), 1));
        byte[] batch = codec.take();
        Recorder read = new Recorder();

        assertThatThrownBy(() -> ChangeCodec.read(Arrays.copyOf(batch, batch.length - 3), read))
                .isInstanceOf(ChangeCodec.FormatException.class)
                .hasMessageContaining("cut short");
        assertThat(read.changes).hasSize(1);

        byte[] otherFormat = batch.clone();
        otherFormat[0] = 2;
        assertThatThrownBy(() -> ChangeCodec.read(otherFormat, new Recorder()))
                .isInstanceOf(ChangeCodec.FormatException.class)
                .hasMessageContaining("format");
    }

    @Test
    void aLengthBeyondAValuesLimitIsRefusedBeforeItsBytesAreTaken() {
        ChangeCodec codec = new ChangeCodec();
        codec.remove(KEY, ValueIdentity.unsigned(1));
        byte[] batch = codec.take();
        batch[1 + 1 + InfoHash.BYTES + 8] = 31; // an owner of 31 bytes: keys are 32

        assertThatThrownBy(() -> ChangeCodec.read(batch, new Recorder()))
                .isInstanceOf(ChangeCodec.FormatException.class)
                .hasMessageContaining("31 bytes");
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** The changes read, as saved values and as the slots of removals. */
    private static final class Recorder implements ChangeCodec.Sink {
        final List<Object> changes = new ArrayList<>();

        @Override
        public void saved(SavedValue value) {
            changes.add(value);
        }

        @Override
        public void removed(InfoHash key, ValueIdentity identity) {
            changes.add(new Slot(key, identity));
        }

        @Override
        public void invalid() {
            changes.add("invalid");
        }
    }
}
