package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code rdht.toml} read by the real command: its usual place, precedence, rejections, {@code rdht config}. */
class ConfigProcessTest extends ProcessTest {

    private static final Duration RUN = Duration.ofSeconds(60);

    private Path userFile(String toml) throws Exception {
        Path f = config.resolve("rdht").resolve("rdht.toml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, toml);
        return f;
    }

    @Test
    void rdhtConfigPrintsEachSettingAndWhereItCameFrom() throws Exception {
        Path f = userFile("""
                bootstrap = ["10.0.0.1:4242"]
                [node]
                port = 4343
                max-ttl = "2h"
                http = "9100"
                """);

        RdhtProcess p =
                track(RdhtProcess.start(config, Map.of("RDHT_MAX_TTL", "3h"), "config", "node", "--port", "5000"));

        assertThat(p.awaitExit(RUN)).as(p.stderr()).isZero();
        assertThat(p.stdout().lines()).first().isEqualTo("settings of rdht node; configuration file: " + f);
        assertThat(p.stdout().lines().map(l -> l.replaceAll(" +", " ")))
                .contains(
                        "port 5000 flag --port",
                        "max-ttl 3h environment RDHT_MAX_TTL",
                        "http 9100 file " + f + " line 5",
                        "bootstrap 10.0.0.1:4242 file " + f + " line 1",
                        "network 0 default",
                        "max-storage-mb (built-in) default");
    }

    @Test
    void rdhtConfigShowsTheSensorsSettingsToo() throws Exception {
        Path f = userFile("[sensor]\nevery = \"30s\"\n");

        RdhtProcess p = track(RdhtProcess.start(config, Map.of(), "config", "sensor"));

        assertThat(p.awaitExit(RUN)).as(p.stderr()).isZero();
        assertThat(p.stdout().lines().map(l -> l.replaceAll(" +", " ")))
                .contains("every 30s file " + f + " line 2", "ttl 10m default");
    }

    @Test
    void aBadFileStopsTheNodeWithExitTwoNamingFileLineAndKey() throws Exception {
        Path f = userFile("[node]\nport = 4242\nmax-ttl = 24\n");

        RdhtProcess p = track(RdhtProcess.start(config, Map.of(), "node"));

        assertThat(p.awaitExit(RUN)).isEqualTo(2);
        assertThat(p.stderr())
                .isEqualTo("rdht: " + f + " line 3: node.max-ttl: expected a string, got an integer (24)");
    }

    @Test
    void aTileUrlWithoutItsPlaceholdersInTheFileStopsTheDemoWithExitTwo() throws Exception {
        Path f = userFile("[demo]\nweb = \"0\"\ntiles = \"ftp://tiles.example/map.png\"\n");

        RdhtProcess p = track(RdhtProcess.start(config, Map.of(), "demo"));

        assertThat(p.awaitExit(RUN)).isEqualTo(2);
        assertThat(p.stderr())
                .contains(
                        "rdht: " + f + " line 3: demo.tiles: ",
                        "expected an http(s) URL with {z}, {x} and {y}, or 'none'");
    }

    @Test
    void aFlagOverridesTheFileForTheConsoleToo() throws Exception {
        userFile("[rdht]\nport = 1\nbind = \"nowhere.invalid\"\n");

        RdhtProcess p = track(RdhtProcess.start(config, Map.of(), "--bind", "127.0.0.1", "-p", "0"));
        String address = p.address(RUN);

        assertThat(address).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:1");
        p.closeInput();
        assertThat(p.awaitExit(RUN)).isZero();
    }

    @Test
    void theGatewaysWriteTokenComesFromTheFileAndAShortOneStopsTheNodeWithExitTwo() throws Exception {
        Path f = userFile("[node]\nhttp-token = \"short\"\n");

        RdhtProcess p =
                track(RdhtProcess.start(config, Map.of(), "node", "-p", "0", "--bind", "127.0.0.1", "--http", "0"));

        assertThat(p.awaitExit(RUN)).isEqualTo(2);
        assertThat(p.stderr())
                .isEqualTo(
                        "rdht: " + f + " line 2: node.http-token: a token has 16 to 256 characters," + " this one 5");
    }

    @Test
    void aNodesGatewayTakesPutsOnlyWithTheTokenOfTheFile() throws Exception {
        String token = "token-from-the-file-0123";
        userFile("[node]\nhttp-token = \"" + token + "\"\n");
        RdhtProcess p =
                track(RdhtProcess.start(config, Map.of(), "node", "-p", "0", "--bind", "127.0.0.1", "--http", "0"));
        p.closeInput();
        Pattern serving =
                Pattern.compile("serving OpenDHT's proxy API on (http://\\S+)/ .*writes need the token, CORS off");
        Matcher m = serving.matcher(p.awaitLine(l -> serving.matcher(l).find(), RUN));
        assertThat(m.find()).isTrue();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(m.group(1) + "/key/greeting"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":\"aGk=\"}"))
                .timeout(RUN);

        HttpResponse<String> without = client.send(put.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> with = client.send(
                put.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(with.statusCode())
                .as("a first node alone: nobody to store the value")
                .isEqualTo(502);
        assertThat(p.stdout()).doesNotContain(token);
        p.terminate();
        assertThat(p.awaitExit(RUN)).as(p.stderr()).isZero();
        RdhtProcess shown = track(RdhtProcess.start(config, Map.of(), "config", "node"));
        assertThat(shown.awaitExit(RUN)).isZero();
        assertThat(shown.stdout()).contains("(set, not shown)").doesNotContain(token);
    }

    @Test
    void rdhtConfigShowsTheAddressRulesAndWhereEachCameFrom() throws Exception {
        Path f = userFile("[node]\nmax-storers-per-prefix = 3\n");

        RdhtProcess p = track(RdhtProcess.start(
                config, Map.of("RDHT_ADDRESS_RULES_LOCAL", "true"), "config", "node", "--id-binding"));

        assertThat(p.awaitExit(RUN)).as(p.stderr()).isZero();
        assertThat(p.stdout().lines().map(l -> l.replaceAll(" +", " ")))
                .contains(
                        "id-binding true flag --id-binding",
                        "max-storers-per-prefix 3 file " + f + " line 2",
                        "address-rules-local true environment RDHT_ADDRESS_RULES_LOCAL");
    }

    @Test
    void aNegativeStorersPerPrefixInTheFileIsRefusedNamingFileLineAndKey() throws Exception {
        Path f = userFile("[node]\nmax-storers-per-prefix = -1\n");

        RdhtProcess p = track(RdhtProcess.start(config, Map.of(), "config", "node"));

        assertThat(p.awaitExit(RUN)).isEqualTo(2);
        assertThat(p.stderr()).contains(f + " line 2: node.max-storers-per-prefix: must be in 0..1024, got -1");
    }
}
