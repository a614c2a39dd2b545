package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The commented example in deploy/rdht.toml is a valid configuration for every command it has a table for. */
class DeployConfigTest {

    private static final Path EXAMPLE = Path.of("../../deploy/rdht.toml");

    @ParameterizedTest
    @ValueSource(strings = {"node", "rdht", "sensor", "monitor", "put", "get", "demo"})
    void theExampleConfigurationIsValidFor(String command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine rdht = Main.commandLine(Map.of(), false);
        rdht.setOut(new PrintWriter(out, true));
        rdht.setErr(new PrintWriter(err, true));

        int exit = rdht.execute("config", command, "--config", EXAMPLE.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("settings of ").contains("file " + EXAMPLE);
    }
}
