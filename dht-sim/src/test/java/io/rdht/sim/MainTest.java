package io.rdht.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void aBadChurnIsAUsageErrorThatNamesIt() {
        assertThat(run("--churn", "fast")).isEqualTo(2);
        assertThat(err.toString()).contains("--churn takes SHAPE:MEDIAN").doesNotContain("Exception");
    }

    @Test
    void aBadDurationOrSizeIsAUsageError() {
        assertThat(run("--measure", "ten minutes")).isEqualTo(2);
        assertThat(err.toString()).contains("'ten minutes'");
        assertThat(run("--nodes", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("each network size must be ≥ 2");
    }

    @Test
    void badDefenceSwitchesAreUsageErrorsThatNameThem() {
        assertThat(run("--disjoint-paths", "0")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--disjoint-paths: disjoint lookup paths must be between 1 and 8")
                .doesNotContain("Exception");
        assertThat(run("--silent-key-widening", "maybe")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--silent-key-widening takes on or off")
                .doesNotContain("Exception");
    }

    @Test
    void aBadCrashIsAUsageErrorThatNamesIt() {
        assertThat(run("--crash", "40")).isEqualTo(2);
        assertThat(err.toString()).contains("--crash takes PERCENT%@TIME").doesNotContain("Exception");
        assertThat(run("--crash", "100%@5m")).isEqualTo(2);
        assertThat(err.toString()).contains("below 100%");
        assertThat(run("--crash", "40%@1h", "--measure", "30m")).isEqualTo(2);
        assertThat(err.toString()).contains("the crash must come while measuring");
    }

    @Test
    void combiningAFolderThatHoldsNoReportIsAUsageErrorThatNamesIt() {
        assertThat(run("--combine", "/nonexistent/report", "--out", "/tmp/unused"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("no such file: /nonexistent/report/results.csv")
                .doesNotContain("Exception");
    }
}
