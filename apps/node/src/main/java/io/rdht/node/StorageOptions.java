package io.rdht.node;

import io.rdht.cli.DurationConverter;
import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.cli.config.SettingRules;
import io.rdht.core.storage.StorageLimits;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The limits a node keeps on what it stores for others, and the address rules by which it picks
 * the nodes it stores on; the core's defaults where not given.
 */
public final class StorageOptions {

    private static final long MIB = 1024L * 1024;
    /** How many sources it takes at least to fill a key, as in {@link StorageLimits#defaults()}. */
    private static final int SHARES_PER_KEY = 16;

    @Option(
            names = "--max-storage-mb",
            paramLabel = "MB",
            description = "Most data stored for others, in MiB (default: 256).")
    private Long maxStorageMb;

    @Option(
            names = "--max-values-per-key",
            paramLabel = "N",
            description = "Most values stored under one key (default: 1024).")
    private Integer maxValuesPerKey;

    @Option(
            names = "--max-ttl",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Longest time a value is kept, whatever it asks (default: 24h).")
    private Duration maxTtl;

    @Mixin
    private AddressRuleOptions addressRules;

    /**
     * The limits: the given ones, the defaults for the others. The per-source limit never exceeds
     * the total; each source's share of a key three quarters full is a sixteenth of the values per
     * key (at least one) and the default bytes, so that one address never fills a key.
     *
     * @throws UserError (exit 2) naming an option whose value is out of range
     */
    public StorageLimits limits() {
        StorageLimits d = StorageLimits.defaults();
        long total = maxStorageMb == null
                ? d.maxTotalBytes()
                : inRange("--max-storage-mb", maxStorageMb, SettingRules.MAX_STORAGE_MB) * MIB;
        int perKey = maxValuesPerKey == null
                ? d.maxValuesPerKey()
                : (int) inRange("--max-values-per-key", maxValuesPerKey, Integer.MAX_VALUE);
        Duration ttl = maxTtl == null ? d.maxTtl() : maxTtl;
        if (ttl.isZero()) {
            throw new UserError(ExitCode.BAD_INPUT, "--max-ttl must be longer than 0");
        }
        return new StorageLimits(
                perKey,
                d.maxKeys(),
                total,
                Math.min(total, d.maxBytesPerSource()),
                ttl,
                Math.max(1, perKey / SHARES_PER_KEY),
                Math.min(total, d.maxBytesPerKeyPerSource()));
    }

    /** The address rules asked for (ids bound to addresses, storers spread over blocks). */
    public AddressRuleOptions addressRules() {
        return addressRules;
    }

    private static long inRange(String option, long value, long max) {
        if (value < 1 || value > max) {
            throw new UserError(ExitCode.BAD_INPUT, option + " must be in 1.." + max + ", got " + value);
        }
        return value;
    }
}
