package io.rdht.core.internal;

import io.rdht.core.DhtConfig;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.state.StateStore;
import io.rdht.core.transport.Transport;
import java.util.Objects;

/**
 * Sets and reads the parts of a {@link DhtConfig} that are not public API: the engine's settings,
 * the transport and the state store.
 *
 * <p>Implementation note: {@code DhtConfig} keeps these parts in package-private members and hands
 * this class an {@link Access} to them when it is initialised (the JDK's "shared secrets" pattern).
 * The public API thus names no engine, transport or state type, and this package is not exported.
 */
public final class InternalConfig {
    private static volatile Access access;

    private InternalConfig() {}

    /** What {@link DhtConfig} lets this class do; implemented by {@code DhtConfig} alone. */
    public interface Access {
        /** Replaces every engine setting of {@code builder}. */
        void engineSettings(DhtConfig.Builder builder, EngineSettings settings);

        /** The engine settings {@code builder} holds now. */
        EngineSettings engineSettings(DhtConfig.Builder builder);

        /** Sets the transport of {@code builder}. */
        void transport(DhtConfig.Builder builder, Transport transport);

        /** Sets the state store of {@code builder}. */
        void stateStore(DhtConfig.Builder builder, StateStore store);

        /** The engine settings of {@code config}. */
        EngineSettings engineSettings(DhtConfig config);

        /** The transport of {@code config}. */
        Transport transport(DhtConfig config);

        /** The state store of {@code config}, or {@code null} for none. */
        StateStore stateStore(DhtConfig config);
    }

    /**
     * Called once, by {@link DhtConfig}'s initialiser.
     *
     * @throws IllegalStateException if called again
     */
    public static synchronized void install(Access doors) {
        if (access != null) {
            throw new IllegalStateException("InternalConfig's access is installed by DhtConfig, once");
        }
        access = Objects.requireNonNull(doors, "doors");
    }

    /**
     * Gives {@code builder} these engine settings in place of all it held, those set through its
     * public methods ({@code networkId}, {@code readOnly}) included; later public calls change them
     * again.
     */
    public static DhtConfig.Builder engineSettings(DhtConfig.Builder builder, EngineSettings settings) {
        access().engineSettings(builder, Objects.requireNonNull(settings, "settings"));
        return builder;
    }

    /** The engine settings {@code builder} holds now: defaults changed by what was set so far. */
    public static EngineSettings engineSettings(DhtConfig.Builder builder) {
        return access().engineSettings(builder);
    }

    /** Gives {@code builder} this transport in place of the JVM-wide UDP one. */
    public static DhtConfig.Builder transport(DhtConfig.Builder builder, Transport transport) {
        access().transport(builder, Objects.requireNonNull(transport, "transport"));
        return builder;
    }

    /**
     * Gives {@code builder} a store for the node's id, contacts and stored values across restarts.
     * The node does not close the store: close it after the node.
     */
    public static DhtConfig.Builder stateStore(DhtConfig.Builder builder, StateStore store) {
        access().stateStore(builder, Objects.requireNonNull(store, "stateStore"));
        return builder;
    }

    /** The engine settings of {@code config}. */
    public static EngineSettings engineSettings(DhtConfig config) {
        return access().engineSettings(config);
    }

    /** The transport of {@code config}. */
    public static Transport transport(DhtConfig config) {
        return access().transport(config);
    }

    /** The state store of {@code config}, or {@code null} if it keeps nothing. */
    public static StateStore stateStore(DhtConfig config) {
        return access().stateStore(config);
    }

    private static Access access() {
        Access doors = access;
        if (doors == null) {
            // unreachable with a real builder or config: making one initialises DhtConfig
            throw new IllegalStateException("DhtConfig is not initialised");
        }
        return doors;
    }
}
