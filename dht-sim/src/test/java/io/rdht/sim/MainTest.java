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

    @Test
    void anUnknownAttackOrDefenceIsAUsageErrorThatNamesIt() {
        assertThat(run("--attack", "flood")).isEqualTo(2);
        assertThat(err.toString()).contains("--attack takes eclipse, eclipse-grind or sybil, got 'flood'");
        assertThat(run("--attack", "eclipse", "--defences", "moat")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--defences: unknown defence 'moat'; known: id-binding, prefix-diversity")
                .doesNotContain("Exception");
        assertThat(run("--attackers", "20")).isEqualTo(2);
        assertThat(err.toString()).contains("--attackers needs --attack eclipse, eclipse-grind or sybil");
        assertThat(run("--attack", "sybil", "--attackers", "lots")).isEqualTo(2);
        assertThat(err.toString()).contains("--attackers takes counts or shares such as 20 or 10%, got 'lots'");
        assertThat(run("--attack", "eclipse", "--attackers", "300")).isEqualTo(2);
        assertThat(err.toString()).contains("an eclipse from one /24 has at most 254 attackers");
        assertThat(run("--nodes", "10000", "--attack", "eclipse-grind", "--attackers", "3000"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("an eclipse of one /24 under id binding has at most 2032 attackers");
    }

    @Test
    void everyDefenceOfIssue13IsInThisBuild() {
        assertThat(Defence.values()).allMatch(Defence::available);
        assertThat(Defences.all().on()).containsExactlyInAnyOrder(Defence.values());
    }
}
