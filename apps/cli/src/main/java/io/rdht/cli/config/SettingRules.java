package io.rdht.cli.config;

import io.rdht.cli.HttpAccess;
import io.rdht.cli.HttpAddress;
import io.rdht.cli.TileUrl;
import io.rdht.core.HostPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a setting's value must be beyond its type: ranges of numbers, durations above zero,
 * addresses that parse. Checked for values from the environment and the file, where the message
 * must name the variable or the file and line; the commands check their flags themselves.
 */
public final class SettingRules {

    /** The largest {@code max-storage-mb}: 1 TiB. */
    public static final long MAX_STORAGE_MB = 1024L * 1024;
    /** The largest {@code max-storers-per-prefix}: no storing set is larger. */
    public static final int MAX_STORERS_PER_PREFIX = 1024;
    /** The most sensor nodes of {@code rdht demo}. */
    public static final int MAX_DEMO_SENSORS = 100;

    private static final Map<String, Consumer<Object>> RULES = Map.ofEntries(
            Map.entry("port", v -> range(v, 0, 65535)),
            Map.entry("network", v -> range(v, 0, Integer.MAX_VALUE)),
            Map.entry("max-storage-mb", v -> range(v, 1, MAX_STORAGE_MB)),
            Map.entry("max-values-per-key", v -> range(v, 1, Integer.MAX_VALUE)),
            Map.entry("sensors", v -> range(v, 1, MAX_DEMO_SENSORS)),
            Map.entry("max-storers-per-prefix", v -> range(v, 0, MAX_STORERS_PER_PREFIX)),
            Map.entry("max-ttl", SettingRules::positive),
            Map.entry("ttl", SettingRules::positive),
            Map.entry("every", SettingRules::positive),
            Map.entry("timeout", SettingRules::positive),
            Map.entry("http", v -> HttpAddress.parse((String) v)),
            Map.entry("http-token", v -> HttpAccess.checkToken((String) v)),
            Map.entry("http-cors", v -> ((List<?>) v).forEach(o -> HttpAccess.checkOrigin((String) o))),
            Map.entry("web", v -> HttpAddress.parse((String) v)),
            Map.entry("tiles", v -> TileUrl.check((String) v)),
            Map.entry("bind", v -> {
                if (((String) v).isBlank()) {
                    throw new IllegalArgumentException("must be an address, got an empty string");
                }
            }),
            Map.entry("bootstrap", v -> ((List<?>) v).forEach(hp -> HostPort.parse(((String) hp).strip()))));

    private SettingRules() {}

    /**
     * Checks {@code value} of setting {@code key}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static void check(String key, Object value) {
        Consumer<Object> rule = RULES.get(key);
        if (rule != null) {
            rule.accept(value);
        }
    }

    private static void range(Object value, long min, long max) {
        long v = ((Number) value).longValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException("must be in " + min + ".." + max + ", got " + v);
        }
    }

    private static void positive(Object value) {
        Duration d = (Duration) value;
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("must be longer than 0");
        }
    }
}
