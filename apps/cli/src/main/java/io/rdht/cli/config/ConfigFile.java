package io.rdht.cli.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.rdht.cli.ConfigDirectory;
import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code rdht.toml}, read and parsed: its top level holds the settings every command shares,
 * and a table per command (e.g. {@code [node]}) that command's own.
 *
 * <p>Limits: at most {@value #MAX_BYTES} bytes of UTF-8; anything else is refused with the file
 * named.
 */
public final class ConfigFile {

    /** The largest file read, in bytes. */
    public static final int MAX_BYTES = 64 * 1024;
    /** The file read when neither {@code --config} nor the user's own file is there. */
    public static final Path SYSTEM_FILE = Path.of("/etc/rdht/rdht.toml");
    /** The file's name in the user's configuration directory. */
    public static final String FILE_NAME = "rdht.toml";

    private static final Pattern TABLE = Pattern.compile("\\s*\\[{1,2}\\s*\"?([A-Za-z0-9_-]+)\"?\\s*]{1,2}\\s*(#.*)?");
    private static final Pattern KEY = Pattern.compile("\\s*([\"']?)([A-Za-z0-9_-]+)\\1\\s*=.*");

    private final Path path;
    private final JsonNode root;
    private final List<String> lines;

    private ConfigFile(Path path, JsonNode root, List<String> lines) {
        this.path = path;
        this.root = root;
        this.lines = lines;
    }

    /**
     * The file to read: {@code explicit} (from {@code --config}) when given, which must exist;
     * else {@code $XDG_CONFIG_HOME/rdht/rdht.toml} (or {@code ~/.config/rdht/rdht.toml}); else
     * {@link #SYSTEM_FILE}; else none.
     *
     * @throws UserError (exit 2) when a file is there but cannot be read or parsed
     */
    public static Optional<ConfigFile> locate(String explicit) {
        if (explicit != null) {
            return Optional.of(read(Path.of(explicit)));
        }
        for (Path candidate : List.of(ConfigDirectory.resolve(FILE_NAME), SYSTEM_FILE)) {
            if (Files.exists(candidate)) {
                return Optional.of(read(candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * Reads and parses {@code path}.
     *
     * @throws UserError (exit 2) naming the file, and the line for a syntax error
     */
    public static ConfigFile read(Path path) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw bad(path + ": no such file");
        } catch (IOException e) {
            throw bad(path + ": cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw bad(path + ": larger than " + MAX_BYTES + " bytes; a configuration file is much smaller");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw bad(path + ": not UTF-8 text");
        }
        try {
            return new ConfigFile(
                    path, new TomlMapper().readTree(text), text.lines().toList());
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String line = at != null && at.getLineNr() > 0 ? " line " + at.getLineNr() : "";
            throw bad(path + line + ": not valid TOML: " + e.getOriginalMessage());
        }
    }

    /** Where the file is. */
    public Path path() {
        return path;
    }

    /** The parsed top level. */
    JsonNode root() {
        return root;
    }

    /**
     * {@code <file> line <n>: <key>} for a key of {@code table} ({@code null}: the top level),
     * without the line when the key is not written the plain way ({@code key = ...}).
     */
    String where(String table, String key) {
        return location(table, key) + ": " + (table == null ? key : table + "." + key);
    }

    /** {@code <file> line <n>} of a key of {@code table} ({@code null}: the top level), or the file alone. */
    String location(String table, String key) {
        int line = lineOf(table, key);
        return path + (line > 0 ? " line " + line : "");
    }

    /** {@code <file> line <n>: [table]} for a table's header. */
    String whereTable(String table) {
        int line = lineOfTable(table);
        return path + (line > 0 ? " line " + line : "") + ": [" + table + "]";
    }

    private int lineOfTable(String table) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = TABLE.matcher(lines.get(i));
            if (m.matches() && m.group(1).equals(table)) {
                return i + 1;
            }
        }
        return 0;
    }

    private int lineOf(String table, String key) {
        String current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher t = TABLE.matcher(line);
            if (t.matches()) {
                current = t.group(1);
                continue;
            }
            Matcher k = KEY.matcher(line);
            if (k.matches() && k.group(2).equals(key) && (table == null ? current == null : table.equals(current))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static UserError bad(String message) {
        return new UserError(ExitCode.BAD_INPUT, message);
    }
}
