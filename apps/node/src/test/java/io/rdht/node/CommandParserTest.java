package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.cli.UserError;
import io.rdht.core.InfoHash;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    private static final InfoHash MYKEY = InfoHash.of("mykey");

    private static ConsoleCommand parse(String line) {
        return CommandParser.parse(line).orElseThrow();
    }

    @Test
    void keyCommandsTakeANameOrAnId() {
        assertThat(parse("g mykey")).isEqualTo(new ConsoleCommand.Get(MYKEY));
        assertThat(parse("  g   " + MYKEY.toHex() + "  ")).isEqualTo(new ConsoleCommand.Get(MYKEY));
        assertThat(parse("l mykey")).isEqualTo(new ConsoleCommand.Listen(MYKEY));
    }

    @Test
    void putValueIsTheRestOfTheLineSpacesIncluded() {
        assertThat(parse("p mykey hello  big world "))
                .isEqualTo(new ConsoleCommand.Put(MYKEY, "hello  big world", false));
        assertThat(parse("p mykey it's \"quoted\"!"))
                .isEqualTo(new ConsoleCommand.Put(MYKEY, "it's \"quoted\"!", false));
        assertThat(parse("s mykey signed")).isEqualTo(new ConsoleCommand.Put(MYKEY, "signed", true));
    }

    @Test
    void cancelTakesATokenOrAKey() {
        assertThat(parse("cl 3")).isEqualTo(new ConsoleCommand.CancelListen(3));
        assertThat(parse("cl mykey")).isEqualTo(new ConsoleCommand.CancelListensOn(MYKEY));
        assertThat(parse("cl 12345678901")).isEqualTo(new ConsoleCommand.CancelListensOn(InfoHash.of("12345678901")));
    }

    @Test
    void reportsHelpAndQuitTakeNoArgument() {
        assertThat(parse("ll")).isEqualTo(new ConsoleCommand.NodeInfo());
        assertThat(parse("lr")).isEqualTo(new ConsoleCommand.RoutingTable());
        assertThat(parse("ls")).isEqualTo(new ConsoleCommand.Listens());
        assertThat(parse("ld")).isEqualTo(new ConsoleCommand.Storage());
        assertThat(List.of(parse("h"), parse("help"))).containsOnly(new ConsoleCommand.Help());
        assertThat(List.of(parse("x"), parse("quit"), parse("exit"))).containsOnly(new ConsoleCommand.Quit());
        assertRefused("ld now", "ld takes no argument, got: now");
    }

    @Test
    void bootstrapTakesAddresses() {
        assertThat(parse("b 127.0.0.1:4242 [::1]:4000"))
                .isEqualTo(new ConsoleCommand.Bootstrap(List.of(
                        InetSocketAddress.createUnresolved("127.0.0.1", 4242),
                        InetSocketAddress.createUnresolved("::1", 4000))));
        assertRefused("b", "b needs at least one HOST:PORT");
        assertRefused("b host:99999", "b: port of 'host:99999' is outside 1..65535");
    }

    @Test
    void blankLinesAndCommentsAreNoCommand() {
        assertThat(CommandParser.parse("")).isEmpty();
        assertThat(CommandParser.parse("   ")).isEmpty();
        assertThat(CommandParser.parse("# p mykey value")).isEmpty();
    }

    @Test
    void mistakesAreNamed() {
        assertRefused("foo", "unknown command 'foo' (h for help)");
        assertRefused("G mykey", "unknown command 'G' (h for help)");
        assertRefused("g", "g needs a KEY (a name or 40 hex digits)");
        assertRefused("g a b", "g takes one argument, got 2: a b");
        assertRefused("cl", "cl needs a TOKEN or KEY");
        assertRefused("p mykey", "p needs a KEY and a VALUE");
        assertRefused("p", "p needs a KEY and a VALUE");
        assertRefused("g " + MYKEY.toHex().substring(2), "looks like an id but has 38 hex digits");
    }

    private static void assertRefused(String line, String message) {
        assertThatThrownBy(() -> CommandParser.parse(line))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(message);
    }
}
