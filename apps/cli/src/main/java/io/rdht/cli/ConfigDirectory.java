package io.rdht.cli;

import java.nio.file.Path;

/** Where rdht's commands keep their files: {@code $XDG_CONFIG_HOME/rdht}, else {@code ~/.config/rdht}. */
public final class ConfigDirectory {

    private ConfigDirectory() {}

    /** The path of {@code file} in rdht's configuration directory. */
    public static Path resolve(String file) {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("rdht").resolve(file);
    }
}
