package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.cli.config.SettingRules;
import io.rdht.core.engine.EngineSettings;
import picocli.CommandLine.Option;

/**
 * The address rules a serving node applies to others (docs/SECURITY.md, "Routing"): ids bound to
 * addresses in the way of BEP 42, and storers spread over address blocks.
 */
public final class AddressRuleOptions {

    @Option(
            names = "--id-binding",
            description = "Keep nodes whose id does not fit their address (BEP 42) out of the routing table and"
                    + " the storing sets, and derive this node's id from its --bind address (off by default).")
    private boolean idBinding;

    @Option(
            names = "--max-storers-per-prefix",
            paramLabel = "N",
            description = "Most of the K storers of a key from one IPv4 /24 or IPv6 /48 (default: 2; 0: no limit).")
    private Integer maxStorersPerPrefix;

    @Option(
            names = "--address-rules-local",
            description = "Apply both rules to loopback and private addresses too (test networks; off by default).")
    private boolean local;

    /**
     * {@code settings} with these rules.
     *
     * @throws UserError (exit 2) when {@code --max-storers-per-prefix} is out of range
     */
    public EngineSettings applyTo(EngineSettings settings) {
        int perPrefix = settings.lookup().diversity().maxPerPrefix();
        if (maxStorersPerPrefix != null) {
            if (maxStorersPerPrefix < 0 || maxStorersPerPrefix > SettingRules.MAX_STORERS_PER_PREFIX) {
                throw new UserError(
                        ExitCode.BAD_INPUT,
                        "--max-storers-per-prefix must be in 0.." + SettingRules.MAX_STORERS_PER_PREFIX + ", got "
                                + maxStorersPerPrefix);
            }
            perPrefix = maxStorersPerPrefix;
        }
        return settings.withIdBinding(idBinding, local).withPrefixDiversity(perPrefix, local);
    }
}
