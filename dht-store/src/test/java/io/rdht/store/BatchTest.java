package io.rdht.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import io.rdht.core.state.SavedValue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final InetAddress SOURCE = InetAddress.getLoopbackAddress();

    @Test
    void theLastChangeOfEachValueIsWrittenAndTheOthersAreNot() {
        Batch batch = new Batch();
        Change.Save first = save(1, 1);
        Change.Save last = save(1, 3);
        Change.Save other = save(2, 1);
        Change.Remove removed = new Change.Remove(KEY, ValueIdentity.unsigned(3));
        batch.addAll(List.of(first, other, save(1, 2), save(3, 1), removed, last));

        assertThat(batch.valueWrites()).containsExactlyInAnyOrder(last, other, removed);
        assertThat(batch.metaWrites()).isEmpty();
        assertThat(batch.taken()).isEqualTo(6);
    }

    @Test
    void onlyTheLastContactsAndNodeIdAreWritten() {
        Batch batch = new Batch();
        NodeInfo contact = new NodeInfo(InfoHash.of("contact"), new InetSocketAddress("127.0.0.1", 4242));
        Change.Contacts latest = new Change.Contacts(List.of(contact));
        Change.NodeId id = new Change.NodeId(InfoHash.of("node"));
        batch.addAll(List.of(new Change.NodeId(InfoHash.of("before")), new Change.Contacts(List.of()), id, latest));

        assertThat(batch.metaWrites()).containsExactly(id, latest);
        assertThat(batch.valueWrites()).isEmpty();
    }

    @Test
    void barriersAndStopAskForACommitNowAndBarriersKeepTheirOrder() {
        Batch batch = new Batch();
        batch.add(save(1, 1));
        assertThat(batch.urgent()).isFalse();
        Change.Barrier a = new Change.Barrier(() -> {});
        Change.Barrier b = new Change.Barrier(() -> {});
        batch.addAll(List.of(a, b));
        assertThat(batch.urgent()).isTrue();
        assertThat(batch.barriers()).containsExactly(a, b);
        assertThat(batch.stop()).isFalse();

        batch.clear();
        batch.add(new Change.Stop());
        assertThat(batch.urgent()).isTrue();
        assertThat(batch.stop()).isTrue();
        assertThat(batch.metaWrites()).isEmpty();
        assertThat(batch.valueWrites()).isEmpty();
    }

    private static Change.Save save(long id, long seq) {
        return new Change.Save(new SavedValue(
                KEY, Value.builder().id(id).seq(seq).text("v" + seq).build(), SOURCE, 1_800_000_000_000L));
    }
}
