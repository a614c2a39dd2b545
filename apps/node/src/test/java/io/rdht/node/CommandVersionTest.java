package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.monitor.Monitor;
import io.rdht.sensor.Sensor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandVersionTest {

    private static String versionOf(Object command, String... args) {
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out));
        assertThat(line.execute(args)).isZero();
        return out.toString().strip();
    }

    @Test
    void eachCommandPrintsItsNameAndRdhtsVersion() {
        assertThat(versionOf(new Sensor(), "--version")).isEqualTo("sensor 0.1.0");
        assertThat(versionOf(new Monitor(), "--version")).isEqualTo("monitor 0.1.0");
        assertThat(versionOf(new RdhtCommand(Map.of(), false), "--version")).isEqualTo("rdht 0.1.0");
        assertThat(versionOf(new RdhtCommand(Map.of(), false), "node", "--version"))
                .isEqualTo("rdht 0.1.0");
    }
}
