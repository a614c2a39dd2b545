package io.rdht.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.cli.CommandRunner;
import io.rdht.cli.NetworkOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Settings merged from flags, the environment, the file and defaults, as a command sees them. */
class SettingsTest {

    @TempDir
    Path dir;

    /** A command like the sensor: network options, a duration, a flag, a path. */
    @Command(name = "sensor")
    static final class FakeSensor implements Callable<Integer> {
        @Mixin
        NetworkOptions network;

        @Mixin
        ConfigOption config;

        @Option(names = "--every")
        Duration every;

        @Option(names = "--ttl")
        Duration ttl = Duration.ofMinutes(10);

        @Option(names = {"-v", "--verbose"})
        boolean verbose;

        @Option(names = "--identity")
        Path identity = Path.of("default.identity");

        @Override
        public Integer call() {
            return 0;
        }
    }

    private record Run(int exit, String err, FakeSensor command) {}

    private Run run(Map<String, String> env, String... args) {
        FakeSensor command = new FakeSensor();
        StringWriter err = new StringWriter();
        CommandLine cli = CommandRunner.commandLine(command, env);
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, err.toString().strip(), command);
    }

    private static List<String> bootstrap(Run run) {
        return run.command().network.bootstrap(Map.of(), List.of()).stream()
                .map(a -> a.getHostString() + ":" + a.getPort())
                .toList();
    }

    private String file(String toml) throws IOException {
        Path f = dir.resolve("rdht.toml");
        Files.writeString(f, toml, StandardCharsets.UTF_8);
        return f.toString();
    }

    private Settings settings(Map<String, String> env, String... args) {
        CommandLine cli = CommandRunner.commandLine(new FakeSensor(), env);
        return Settings.apply(cli.parseArgs(args), env);
    }

    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws IOException {
        String f = file("""
                bootstrap = ["10.0.0.1:4242"]
                [sensor]
                port = 4000
                every = "30s"
                ttl = "20m"
                """);
        Run run = run(Map.of("RDHT_EVERY", "45s", "RDHT_PORT", "4100"), "--config", f, "-p", "4200");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.command().network.port(0)).isEqualTo(4200);
        assertThat(run.command().every).isEqualTo(Duration.ofSeconds(45));
        assertThat(run.command().ttl).isEqualTo(Duration.ofMinutes(20));
        assertThat(bootstrap(run)).containsExactly("10.0.0.1:4242");
        assertThat(run.command().identity).isEqualTo(Path.of("default.identity"));
    }

    @Test
    void dhtBootstrapStillNamesTheBootstrapNodesAndBeatsTheFile() throws IOException {
        String f = file("bootstrap = \"10.0.0.1:4242\"\n");
        Run run = run(Map.of("DHT_BOOTSTRAP", "10.0.0.2:4242,10.0.0.3:4242"), "--config", f);

        assertThat(bootstrap(run)).containsExactly("10.0.0.2:4242", "10.0.0.3:4242");
    }

    @Test
    void aCommandsTableOverridesTheSharedTopLevelAndOtherTablesAreNotItsOwn() throws IOException {
        String f = file("""
                bind = "0.0.0.0"
                [sensor]
                bind = "127.0.0.1"
                [node]
                port = 4242
                """);
        Run run = run(Map.of(), "--config", f);

        assertThat(run.command().network.bind()).isEqualTo("127.0.0.1");
        assertThat(run.command().network.port(0)).isZero();
    }

    @Test
    void eachSettingSaysWhereItCameFrom() throws IOException {
        String f = file("""
                # a comment
                bootstrap = ["10.0.0.1:4242"]

                [sensor]
                ttl = "20m"
                """);
        Settings s = settings(Map.of("RDHT_EVERY", "45s"), "--config", f, "--verbose");

        assertThat(s.file()).hasValue(Path.of(f));
        assertThat(s.entries())
                .contains(
                        new Settings.Entry("verbose", "true", Settings.Origin.FLAG, "--verbose"),
                        new Settings.Entry("every", "45s", Settings.Origin.ENVIRONMENT, "RDHT_EVERY"),
                        new Settings.Entry("ttl", "20m", Settings.Origin.FILE, f + " line 5"),
                        new Settings.Entry("bootstrap", "10.0.0.1:4242", Settings.Origin.FILE, f + " line 2"),
                        new Settings.Entry("identity", "default.identity", Settings.Origin.DEFAULT, ""));
        assertThat(s.describe().getFirst()).isEqualTo("settings of sensor; configuration file: " + f);
        assertThat(s.describe()).anyMatch(l -> l.matches("ttl\\s+20m\\s+file " + f + " line 5"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            syntax                  | [sensor]\\nttl = = 1                     | line 2: not valid TOML
            unknown key             | [sensor]\\nevry = "1m"                   | line 2: sensor.evry: unknown key; [sensor] takes [bind, bootstrap, every, identity, network, port, ttl, verbose]
            unknown shared key      | port = 4242                              | line 1: port: unknown key; the top level takes [bind, bootstrap, network, verbose]
            unknown table           | [sensors]\\nttl = "1m"                   | line 1: [sensors]: unknown table
            table not a table       | sensor = 5                               | line 1: sensor: must be a table [sensor]
            wrong type              | [sensor]\\nport = "4242"                 | line 2: sensor.port: expected an integer, got a string ("4242")
            wrong type of boolean   | verbose = "yes"                          | line 1: verbose: expected true or false, got a string
            wrong type of list      | bootstrap = [4242]                       | line 1: bootstrap: expected an array of strings
            out of range            | [sensor]\\n\\nport = 70000               | line 3: sensor.port: must be in 0..65535, got 70000
            bad duration            | [sensor]\\nttl = "10 minutes"            | line 2: sensor.ttl: '10 minutes' is not a duration
            zero duration           | [sensor]\\nevery = "0s"                  | line 2: sensor.every: must be longer than 0
            bad address             | bootstrap = ["nowhere"]                  | line 1: bootstrap: expected host:port, got 'nowhere'
            """)
    void aBadFileExitsTwoNamingTheFileTheLineAndTheKey(String what, String toml, String message) throws IOException {
        String f = file(toml.replace("\\n", "\n"));

        Run run = run(Map.of(), "--config", f);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("sensor: " + f + " " + message);
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedUnread() throws IOException {
        String f = file("#".repeat(ConfigFile.MAX_BYTES + 1));

        Run run = run(Map.of(), "--config", f);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("sensor: " + f + ": larger than 65536 bytes; a configuration file is much smaller");
    }

    @Test
    void aFileThatIsNotUtf8OrNotThereIsRefused() throws IOException {
        Path latin1 = dir.resolve("latin1.toml");
        Files.write(latin1, new byte[] {'#', (byte) 0xE9, '\n'});

        assertThat(run(Map.of(), "--config", latin1.toString()).err())
                .isEqualTo("sensor: " + latin1 + ": not UTF-8 text");
        Run missing = run(Map.of(), "--config", dir.resolve("none.toml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("sensor: " + dir.resolve("none.toml") + ": no such file");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            RDHT_PORT     | many  | RDHT_PORT: expected an integer, got 'many'
            RDHT_PORT     | -1    | RDHT_PORT: must be in 0..65535, got -1
            RDHT_VERBOSE  | yes   | RDHT_VERBOSE: expected true or false, got 'yes'
            RDHT_TTL      | 5     | RDHT_TTL: '5' is not a duration like 500ms, 90s, 10m, 2h or 1d
            DHT_BOOTSTRAP | x     | DHT_BOOTSTRAP: expected host:port, got 'x'
            """)
    void aBadVariableExitsTwoNamingIt(String variable, String value, String message) {
        Run run = run(Map.of(variable, value));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("sensor: " + message);
    }

    @Test
    void anEmptyVariableIsNoSetting() {
        assertThat(run(Map.of("RDHT_PORT", " ")).command().network.port(7)).isEqualTo(7);
    }
}
