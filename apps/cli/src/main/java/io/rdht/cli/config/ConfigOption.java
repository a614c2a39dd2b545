package io.rdht.cli.config;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --config FILE}: the configuration file to read instead of the usual places. */
public final class ConfigOption {

    @Option(
            names = Settings.CONFIG_OPTION,
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Configuration file (default: $XDG_CONFIG_HOME/rdht/rdht.toml, else /etc/rdht/rdht.toml).")
    private String file;

    /** The file named, or {@code null}. */
    public String file() {
        return file;
    }
}
