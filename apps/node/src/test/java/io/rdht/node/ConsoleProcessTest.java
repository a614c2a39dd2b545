package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The console driven through its standard input, two nodes as two processes on 127.0.0.1. */
class ConsoleProcessTest extends ProcessTest {

    static final Duration START = Duration.ofSeconds(60);
    static final Duration STEP = Duration.ofSeconds(30);
    static final String MYKEY = InfoHash.of("mykey").toHex();

    private RdhtProcess console(String... bootstrap) throws IOException {
        return track(RdhtProcess.console(config, bootstrap));
    }

    @Test
    void valuePutOnOneNodeIsFoundFromTheOtherAndShownInStorage() throws Exception {
        RdhtProcess a = console();
        String addressA = a.address(START);
        assertThat(a.stdout()).contains("first node of a new network");
        RdhtProcess b = console(addressA);
        String addressB = b.address(START);
        assertThat(b.stdout()).contains("joined via " + addressA);

        a.send("p mykey hello");
        String stored = a.awaitLine(l -> l.startsWith("stored ") || l.startsWith("error"), STEP);
        assertThat(stored).matches("stored [0-9a-f]{16} on [12] nodes?");
        String valueId = stored.split(" ")[1];

        b.send("g mykey");
        b.awaitLine(l -> l.startsWith("done:") || l.startsWith("error"), STEP);
        assertThat(b.stdout())
                .contains(valueId + " seq=0 text/plain \"hello\" ttl=10m")
                .contains("done: 1 value");

        b.send("ld");
        b.awaitLine(l -> l.startsWith("key " + MYKEY), STEP);
        assertThat(b.linesAfter(l -> l.startsWith("storage:")))
                .anySatisfy(l -> assertThat(l).startsWith("storage: 1 key, 1 value, "))
                .anySatisfy(l -> assertThat(l)
                        .matches(
                                "  " + valueId + " seq=0 size=5 text/plain ttl left \\d+m\\d*s? from 127\\.0\\.0\\.1"));

        a.send("lr");
        String bucket = a.awaitLine(l -> l.startsWith("bucket prefix="), STEP);
        assertThat(bucket).contains("contacts=1");
        assertThat(a.linesAfter(l -> l.startsWith("routing table of ")))
                .anySatisfy(
                        l -> assertThat(l).contains(addressB).contains("rtt").contains("failures 0"));

        a.send("x");
        assertThat(a.awaitExit(STEP)).isZero();
        assertThat(a.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void listenPrintsValuesAsTheyArriveUntilCancelled() throws Exception {
        RdhtProcess a = console();
        RdhtProcess b = console(a.address(START));
        b.address(START);

        b.send("l mykey");
        assertThat(b.awaitLine(l -> l.startsWith("listen "), STEP))
                .isEqualTo("listen 1 on " + MYKEY + " (cl 1 cancels it)");
        a.send("p mykey first words");
        a.awaitLine(l -> l.startsWith("stored ") || l.startsWith("error"), STEP);
        assertThat(b.awaitLine(l -> l.startsWith("[listen 1]"), STEP))
                .matches("\\[listen 1] Added [0-9a-f]{16} seq=0 text/plain \"first words\" ttl=10m");

        b.send("ls");
        assertThat(b.awaitLine(l -> l.startsWith("  " + MYKEY + " tokens [1]"), STEP))
                .contains("values=1")
                .contains("subscribers=1");
        b.send("cl 1");
        assertThat(b.awaitLine(l -> l.startsWith("cancelled"), STEP)).isEqualTo("cancelled listen 1 on " + MYKEY);
        b.send("cl 1");
        assertThat(b.awaitLine(l -> l.startsWith("no listen"), STEP)).isEqualTo("no listen 1 (ls lists them)");
    }

    @Test
    void mistakesAreReportedAndTheConsoleGoesOn() throws Exception {
        RdhtProcess a = console();
        a.address(START);
        a.send("foo bar");
        a.send("g");
        a.send("p onlykey");
        a.send("g 0123456789abcdef0123456789abcdef0123456");
        a.send("b nohost");
        a.send("ll extra");
        a.send("# a comment, then a blank line");
        a.send("");
        a.send("ll");
        a.awaitLine(l -> l.startsWith("counters"), STEP);
        assertThat(a.linesAfter(l -> l.startsWith("unknown")))
                .startsWith(
                        "unknown command 'foo' (h for help)",
                        "g needs a KEY (a name or 40 hex digits)",
                        "p needs a KEY and a VALUE: p KEY VALUE",
                        "key '0123456789abcdef0123456789abcdef0123456' looks like an id but has 39 hex digits; an id has 40",
                        "b: expected host:port, got 'nohost'",
                        "ll takes no argument, got: extra",
                        "id        " + a.stdout().split(" ")[1]);
        assertThat(a.stdout()).contains("  lookups ").contains("  datagrams.in ");

        a.closeInput();
        assertThat(a.awaitExit(STEP)).isZero();
        assertThat(a.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void takenPortIsReportedWithoutAStackTrace() throws Exception {
        RdhtProcess a = console();
        String port = a.address(START).split(":")[1];
        RdhtProcess b = RdhtProcess.start(config, java.util.Map.of(), "-p", port, "--bind", "127.0.0.1");
        track(b);
        assertThat(b.awaitExit(START)).isEqualTo(1);
        assertThat(b.stderr())
                .contains("port " + port + " is already in use (try -p 0)")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }
}
