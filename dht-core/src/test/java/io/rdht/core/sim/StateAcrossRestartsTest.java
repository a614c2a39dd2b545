package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.KeySnapshot;
import io.rdht.core.NodeInfo;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.internal.InternalConfig;
import io.rdht.core.state.SavedState;
import io.rdht.core.state.SavedValue;
import io.rdht.core.transport.NetworkConditions;
import io.rdht.crypto.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node with a state store keeps its id, its contacts and the values it stores across a restart. */
class StateAcrossRestartsTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void restartedNodeKeepsItsIdAndServesTheSavedValuesThatHaveNotExpired() {
        try (VirtualNetwork net = new VirtualNetwork(21, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(4);
            RecordingStateStore store = RecordingStateStore.empty();
            DhtNode node = net.add(c -> InternalConfig.stateStore(c, store));
            DhtNode putter = net.nodes().get(1);
            for (int i = 0; i < 10; i++) {
                Duration ttl = i < 8 ? Duration.ofMinutes(10) : Duration.ofMinutes(1);
                net.await(
                        putter.put(
                                InfoHash.of("key " + i),
                                Value.builder().text("value " + i).ttl(ttl).build()),
                        LIMIT);
            }
            assertThat(store.now().values()).as("values saved").hasSize(10);
            assertThat(store.now().nodeId()).contains(node.id());
            net.kill(node);

            net.advance(Duration.ofMinutes(2));
            RecordingStateStore reopened = new RecordingStateStore(store.now());
            DhtNode again = net.add(c -> InternalConfig.stateStore(c, reopened));

            assertThat(again.id()).isEqualTo(node.id());
            List<KeySnapshot> stored = net.await(again.storage(), LIMIT);
            assertThat(stored)
                    .extracting(k -> k.values().getFirst().value().dataAsText())
                    .containsExactlyInAnyOrder(
                            "value 0", "value 1", "value 2", "value 3", "value 4", "value 5", "value 6", "value 7");
            assertThat(reopened.now().values())
                    .as("expired values forgotten by the store")
                    .hasSize(8);
            net.kill(putter);
            List<String> got = net.await(
                    net.nodes()
                            .get(2)
                            .get(InfoHash.of("key 3"))
                            .map(Value::dataAsText)
                            .collectList(),
                    LIMIT);
            assertThat(got).containsExactly("value 3");
        }
    }

    @Test
    void restartedNodeServesEveryOwnersValueUnderOneIdAndTheUnsignedOne() {
        try (VirtualNetwork net = new VirtualNetwork(25, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(3);
            RecordingStateStore store = RecordingStateStore.empty();
            DhtNode node = net.add(c -> InternalConfig.stateStore(c, store));
            DhtNode alice = net.add(c -> c.identity(Identity.generate()));
            DhtNode mallory = net.add(c -> c.identity(Identity.generate()));
            InfoHash key = InfoHash.of("one id, three values");
            long id = net.await(alice.putSigned(key, Value.of("alice's")), LIMIT)
                    .value()
                    .id();
            net.await(
                    mallory.putSigned(
                            key, Value.of("mallory's").toBuilder().id(id).build()),
                    LIMIT);
            net.await(mallory.put(key, Value.of("unsigned").toBuilder().id(id).build()), LIMIT);
            assertThat(store.now().values()).as("values saved").hasSize(3);
            net.kill(node);

            DhtNode again = net.add(c -> InternalConfig.stateStore(c, new RecordingStateStore(store.now())));

            assertThat(net.await(again.storage(), LIMIT))
                    .singleElement()
                    .satisfies(k -> assertThat(k.values())
                            .extracting(v ->
                                    v.value().dataAsText() + " " + v.value().id())
                            .containsExactlyInAnyOrder("alice's " + id, "mallory's " + id, "unsigned " + id));
        }
    }

    @Test
    void savedValueWithABrokenSignatureIsNotRestored() {
        try (VirtualNetwork net = new VirtualNetwork(22, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(3);
            RecordingStateStore store = RecordingStateStore.empty();
            DhtNode node = net.add(c -> InternalConfig.stateStore(c, store));
            DhtNode signer = net.add(c -> c.identity(Identity.generate()));
            InfoHash key = InfoHash.of("signed");
            net.await(signer.putSigned(key, Value.of("genuine")), LIMIT);
            net.kill(node);

            List<SavedValue> tampered = new ArrayList<>();
            for (SavedValue v : store.now().values()) {
                Value forged = v.value().toBuilder().text("forged").build();
                tampered.add(new SavedValue(v.key(), forged, v.source(), v.expiresAtMillis()));
            }
            SavedState saved = store.now();
            DhtNode again = net.add(c -> InternalConfig.stateStore(
                    c, new RecordingStateStore(new SavedState(saved.nodeId(), saved.contacts(), tampered))));

            assertThat(tampered).hasSize(1);
            assertThat(net.await(again.storage(), LIMIT))
                    .as("what the restarted node stores")
                    .isEmpty();
        }
    }

    @Test
    void storerHandsAValueToItsStoreBeforeAcknowledgingIt() {
        try (VirtualNetwork net = new VirtualNetwork(23, NetworkConditions.lan(), EngineSettings.defaults())) {
            RecordingStateStore store = RecordingStateStore.empty();
            DhtNode storer = net.add(c -> InternalConfig.stateStore(c, store));
            DhtNode putter = net.add(c -> c);

            PutResult confirmed = net.await(putter.put(InfoHash.of("confirmed"), Value.of("saved")), LIMIT);

            assertThat(confirmed.storers()).extracting(NodeInfo::id).contains(storer.id());
            assertThat(store.now().values())
                    .as("values handed to the store by the time the put is acknowledged")
                    .extracting(v -> v.value().dataAsText())
                    .containsExactly("saved");
        }
    }

    @Test
    void nodeRejoinsThroughItsSavedContactsWhenItsBootstrapNodeIsGone() {
        try (VirtualNetwork net = new VirtualNetwork(24, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(6);
            RecordingStateStore store = RecordingStateStore.empty();
            DhtNode node = net.add(c -> InternalConfig.stateStore(c, store));
            net.advance(Duration.ofSeconds(5));
            assertThat(store.now().contacts()).as("contacts saved").hasSizeGreaterThanOrEqualTo(5);
            net.kill(node);
            net.kill(net.nodes().getFirst());

            DhtNode again = net.add(c -> InternalConfig.stateStore(c, new RecordingStateStore(store.now())));

            assertThat(net.await(again.routingTable(), LIMIT).contactCount())
                    .as("contacts after the restart")
                    .isGreaterThanOrEqualTo(5);
        }
    }
}
