package io.rdht.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The settings of one command run, merged once: for each option of the command, the flag if it
 * was given, else the environment variable, else the configuration file, else the default. The
 * merged values are set on the command's options before it runs, so the command reads them as it
 * reads flags.
 *
 * <p>The file: the top level holds the settings every command shares ({@link #SHARED}); a table
 * named after a command ({@link #TABLES}) holds that command's settings, under each flag's long
 * name, and overrides the top level for it. The environment: {@code RDHT_<NAME>} with the long
 * name in capitals and {@code _} for {@code -} ({@code RDHT_MAX_TTL}); {@code DHT_BOOTSTRAP} for
 * {@code bootstrap}.
 *
 * @param command the command's name, as in {@code rdht node}
 * @param file    the configuration file read, if any
 * @param entries each setting, its effective value and where it came from, in the command's order
 */
public record Settings(String command, Optional<Path> file, List<Entry> entries) {

    /** Settings the top level of the file may hold, for every command that has them. */
    public static final Set<String> SHARED = Set.of("bootstrap", "bind", "network", "verbose");
    /** The tables of the file: one per command with settings of its own. */
    public static final Set<String> TABLES = Set.of("rdht", "node", "get", "put", "demo", "sensor", "monitor");
    /** The option that names the configuration file; it is no setting itself. */
    public static final String CONFIG_OPTION = "--config";

    private static final Set<String> NOT_SETTINGS = Set.of("--help", "--version", CONFIG_OPTION);
    /** Settings whose value is a secret: shown as set or not, never printed. */
    private static final Set<String> SECRETS = Set.of("http-token");

    /** Copies the entries. */
    public Settings {
        entries = List.copyOf(entries);
    }

    /** Where a setting's value came from. */
    public enum Origin {
        /** Given on the command line. */
        FLAG,
        /** Given by an environment variable. */
        ENVIRONMENT,
        /** Written in the configuration file. */
        FILE,
        /** The command's own default. */
        DEFAULT
    }

    /**
     * One setting.
     *
     * @param key    its name in the file (the flag's long name without dashes)
     * @param value  its effective value as text, {@code (built-in)} when the command decides
     * @param origin where it came from
     * @param where  the flag, the variable, or file and line; empty for a default
     */
    public record Entry(String key, String value, Origin origin, String where) {}

    /** The environment variable for setting {@code key}. */
    public static String variable(String key) {
        return key.equals("bootstrap")
                ? "DHT_BOOTSTRAP"
                : "RDHT_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * Merges the settings of the command {@code parsed} will run and sets them on its options.
     *
     * @throws UserError (exit 2) naming the file, line and key, or the variable, of a bad value
     */
    public static Settings apply(ParseResult parsed, Map<String, String> env) {
        List<ParseResult> chain = chain(parsed);
        ParseResult leaf = chain.getLast();
        CommandSpec spec = leaf.commandSpec();
        String table = spec.name();
        Optional<ConfigFile> file = ConfigFile.locate(matchedValue(chain, CONFIG_OPTION));
        file.ifPresent(f -> checkLayout(f, spec));
        List<Entry> entries = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            String name = option.longestName();
            if (!name.startsWith("--") || NOT_SETTINGS.contains(name)) {
                continue;
            }
            String key = name.substring(2);
            entries.add(resolve(option, key, chain, env, file, table));
        }
        return new Settings(commandName(spec), file.map(ConfigFile::path), entries);
    }

    /** The settings as a table: setting, value, source; one line each. */
    public List<String> describe() {
        int width = entries.stream().mapToInt(e -> e.key().length()).max().orElse(0);
        int valueWidth = Math.min(
                40, entries.stream().mapToInt(e -> e.value().length()).max().orElse(0));
        List<String> lines = new ArrayList<>();
        lines.add("settings of " + command + "; configuration file: "
                + file.map(Path::toString)
                        .orElse("none (--config FILE, $XDG_CONFIG_HOME/rdht/rdht.toml or " + ConfigFile.SYSTEM_FILE
                                + ")"));
        for (Entry e : entries) {
            String from = switch (e.origin()) {
                case FLAG -> "flag " + e.where();
                case ENVIRONMENT -> "environment " + e.where();
                case FILE -> "file " + e.where();
                case DEFAULT -> "default";
            };
            lines.add(String.format(
                    Locale.ROOT, "%-" + width + "s  %-" + valueWidth + "s  %s", e.key(), e.value(), from));
        }
        return lines;
    }

    private static Entry resolve(
            OptionSpec option,
            String key,
            List<ParseResult> chain,
            Map<String, String> env,
            Optional<ConfigFile> file,
            String table) {
        String flag = matchedName(chain, option);
        if (flag != null) {
            return new Entry(key, shown(key, option.getValue()), Origin.FLAG, flag);
        }
        String variable = variable(key);
        String text = env.get(variable);
        if (text != null && !text.isBlank()) {
            set(option, key, () -> SettingValue.fromText(option, text), variable);
            return new Entry(key, shown(key, option.getValue()), Origin.ENVIRONMENT, variable);
        }
        if (file.isPresent()) {
            ConfigFile f = file.get();
            JsonNode own = f.root().path(table).get(key);
            JsonNode shared = SHARED.contains(key) ? f.root().get(key) : null;
            if (own != null || shared != null) {
                String inTable = own != null ? table : null;
                set(
                        option,
                        key,
                        () -> SettingValue.fromToml(option, own != null ? own : shared),
                        f.where(inTable, key));
                return new Entry(key, shown(key, option.getValue()), Origin.FILE, f.location(inTable, key));
            }
        }
        return new Entry(key, shown(key, option.getValue()), Origin.DEFAULT, "");
    }

    private static void set(OptionSpec option, String key, Supplier<Object> value, String where) {
        Object v;
        try {
            v = value.get();
            SettingRules.check(key, v);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, where + ": " + e.getMessage());
        }
        option.setValue(v);
    }

    /** Refuses unknown tables, and keys no command has at the top level or this command lacks in its table. */
    private static void checkLayout(ConfigFile f, CommandSpec spec) {
        JsonNode root = f.root();
        if (!root.isObject()) {
            throw new UserError(ExitCode.BAD_INPUT, f.path() + ": not a TOML document of settings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (TABLES.contains(name)) {
                if (!e.getValue().isObject()) {
                    throw new UserError(ExitCode.BAD_INPUT, f.where(null, name) + ": must be a table [" + name + "]");
                }
                if (name.equals(spec.name())) {
                    checkKeys(f, name, e.getValue(), spec);
                }
            } else if (e.getValue().isObject()) {
                throw new UserError(
                        ExitCode.BAD_INPUT, f.whereTable(name) + ": unknown table; the tables are " + tableNames());
            } else if (!SHARED.contains(name)) {
                throw new UserError(
                        ExitCode.BAD_INPUT,
                        f.where(null, name) + ": unknown key; the top level takes " + sorted(SHARED)
                                + ", the tables are " + tableNames());
            }
        }
    }

    private static void checkKeys(ConfigFile f, String table, JsonNode settings, CommandSpec spec) {
        for (Iterator<String> it = settings.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            OptionSpec option = spec.findOption("--" + key);
            if (option == null
                    || NOT_SETTINGS.contains("--" + key)
                    || !option.longestName().equals("--" + key)) {
                throw new UserError(
                        ExitCode.BAD_INPUT,
                        f.where(table, key) + ": unknown key; [" + table + "] takes " + sorted(keysOf(spec)));
            }
        }
    }

    private static String tableNames() {
        return sorted(TABLES).stream().map(t -> "[" + t + "]").collect(Collectors.joining(", "));
    }

    private static List<String> keysOf(CommandSpec spec) {
        return spec.options().stream()
                .map(OptionSpec::longestName)
                .filter(n -> n.startsWith("--") && !NOT_SETTINGS.contains(n))
                .map(n -> n.substring(2))
                .toList();
    }

    private static List<String> sorted(Collection<String> names) {
        return names.stream().sorted().toList();
    }

    private static List<ParseResult> chain(ParseResult parsed) {
        List<ParseResult> chain = new ArrayList<>();
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            chain.add(p);
        }
        return chain;
    }

    private static String matchedName(List<ParseResult> chain, OptionSpec option) {
        for (ParseResult p : chain) {
            for (String name : option.names()) {
                if (p.hasMatchedOption(name)) {
                    return option.longestName();
                }
            }
        }
        return null;
    }

    private static String matchedValue(List<ParseResult> chain, String name) {
        for (ParseResult p : chain) {
            if (p.hasMatchedOption(name)) {
                return p.matchedOptionValue(name, null);
            }
        }
        return null;
    }

    private static String commandName(CommandSpec spec) {
        return spec.qualifiedName(" ");
    }

    private static String shown(String key, Object value) {
        return SECRETS.contains(key) && value != null ? "(set, not shown)" : show(value);
    }

    private static String show(Object value) {
        return switch (value) {
            case null -> "(built-in)";
            case Duration d -> DurationText.of(d);
            case List<?> l ->
                l.isEmpty() ? "(none)" : l.stream().map(String::valueOf).collect(Collectors.joining(","));
            default -> String.valueOf(value);
        };
    }
}
