package io.rdht.cli.config;

/** A command that wants to know its merged settings (e.g. to log which configuration file it read). */
public interface SettingsAware {

    /** Called with the merged settings before the command runs. */
    void settings(Settings settings);
}
