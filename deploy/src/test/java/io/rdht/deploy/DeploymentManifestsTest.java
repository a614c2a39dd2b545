package io.rdht.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The image, the compose city and the Kubernetes manifests agree with each other and with the
 * defaults of deploy/rdht.toml: the same ports, health path, state directory and user.
 */
class DeploymentManifestsTest {

    private static final JsonNode NODE_CONFIG =
            DeployFiles.toml("deploy/rdht.toml").path("node");
    private static final JsonNode STATEFUL_SET = DeployFiles.yaml("deploy/kubernetes/statefulset.yaml");
    private static final JsonNode POD = STATEFUL_SET.path("spec").path("template");
    private static final JsonNode CONTAINER =
            POD.path("spec").path("containers").get(0);

    private static String containerfileEnv(String name) {
        return DeployFiles.containerfile("ENV").stream()
                .flatMap(line -> List.of(line.split("\\s+")).stream())
                .filter(pair -> pair.startsWith(name + "="))
                .map(pair -> pair.substring(name.length() + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ENV " + name + " in the Containerfile"));
    }

    private static int httpPort() {
        return DeployFiles.port(containerfileEnv("RDHT_HTTP"));
    }

    private static String stateVolume() {
        return DeployFiles.containerfile("VOLUME").getFirst();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void theImageExposesTheNodesUdpPortAndTheHttpPortItServes() {
        int udp = NODE_CONFIG.path("port").asInt();
        assertThat(udp).isEqualTo(4242);
        assertThat(DeployFiles.containerfile("EXPOSE").getFirst().split("\\s+"))
                .containsExactlyInAnyOrder(udp + "/udp", httpPort() + "/tcp");
        // the file's own http address is for a host (loopback); the image listens on every address
        assertThat(DeployFiles.port(NODE_CONFIG.path("http").asText())).isEqualTo(httpPort());
        assertThat(containerfileEnv("RDHT_HTTP")).startsWith("0.0.0.0:");
    }

    @Test
    void theStateVolumeHoldsTheStateDirectoryAndTheIdentityOfRdhtToml() {
        String volume = stateVolume();
        assertThat(NODE_CONFIG.path("state-dir").asText()).startsWith(volume + "/");
        assertThat(NODE_CONFIG.path("identity").asText()).startsWith(volume + "/");
    }

    @Test
    void theImageRunsTheNodeAsANonRootUserWithAHealthCheck() {
        assertThat(DeployFiles.containerfile("USER").getFirst()).isEqualTo("4242:4242");
        assertThat(DeployFiles.containerfile("ENTRYPOINT").getFirst()).contains("/opt/rdht/bin/rdht");
        assertThat(DeployFiles.containerfile("CMD").getLast()).isEqualTo("[\"node\"]");
        assertThat(DeployFiles.containerfile("HEALTHCHECK").getFirst()).contains("rdht-health");
        assertThat(DeployFiles.containerfile("COPY")).anyMatch(c -> c.endsWith("/etc/rdht/rdht.toml"));
    }

    @Test
    void theStatefulSetsPodsListOnTheImagesPortsAndRunAsItsUser() {
        Map<String, String> ports = list(CONTAINER.path("ports")).stream()
                .collect(Collectors.toMap(
                        p -> p.path("name").asText(),
                        p -> p.path("containerPort").asInt() + "/"
                                + p.path("protocol").asText()));
        assertThat(ports)
                .containsEntry("dht", NODE_CONFIG.path("port").asInt() + "/UDP")
                .containsEntry("http", httpPort() + "/TCP");
        JsonNode security = POD.path("spec").path("securityContext");
        assertThat(security.path("runAsUser").asInt()).isEqualTo(4242);
        assertThat(security.path("fsGroup").asInt()).isEqualTo(4242);
        assertThat(list(CONTAINER.path("env"))).anySatisfy(e -> {
            assertThat(e.path("name").asText()).isEqualTo("RDHT_HTTP");
            assertThat(e.path("value").asText()).isEqualTo(containerfileEnv("RDHT_HTTP"));
        });
    }

    @Test
    void everyProbeAsksHealthOnTheHttpPort() {
        List<String> probes = new ArrayList<>();
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode get = CONTAINER.path(probe).path("httpGet");
            assertThat(get.path("path").asText()).as(probe).isEqualTo("/health");
            assertThat(get.path("port").asText()).as(probe).isEqualTo("http");
            probes.add(probe);
        }
        assertThat(probes).hasSize(3);
    }

    @Test
    void prometheusIsToldToScrapeMetricsOnTheHttpPort() {
        JsonNode annotations = POD.path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asInt()).isEqualTo(httpPort());
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
    }

    @Test
    void eachPodClaimsAVolumeMountedWhereTheImageKeepsItsState() {
        JsonNode claim = STATEFUL_SET.path("spec").path("volumeClaimTemplates").get(0);
        assertThat(claim.path("spec").path("accessModes").get(0).asText()).isEqualTo("ReadWriteOnce");
        assertThat(claim.path("spec")
                        .path("resources")
                        .path("requests")
                        .path("storage")
                        .asText())
                .isNotEmpty();
        assertThat(list(CONTAINER.path("volumeMounts"))).anySatisfy(m -> {
            assertThat(m.path("name").asText())
                    .isEqualTo(claim.path("metadata").path("name").asText());
            assertThat(m.path("mountPath").asText()).isEqualTo(stateVolume());
        });
    }

    @Test
    void theHeadlessServiceNamesThePodsBeforeTheyAreReadyAndBootstrapsUseIt() {
        JsonNode service = DeployFiles.yaml("deploy/kubernetes/service.yaml");
        assertThat(service.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(service.path("spec").path("publishNotReadyAddresses").asBoolean())
                .isTrue();
        assertThat(STATEFUL_SET.path("spec").path("serviceName").asText())
                .isEqualTo(service.path("metadata").path("name").asText());
        assertThat(service.path("spec").path("selector"))
                .isEqualTo(POD.path("metadata").path("labels"));
        assertThat(list(service.path("spec").path("ports")))
                .extracting(
                        p -> p.path("port").asInt() + "/" + p.path("protocol").asText())
                .containsExactlyInAnyOrder("4242/UDP", httpPort() + "/TCP");
        String bootstrap = list(CONTAINER.path("env")).stream()
                .filter(e -> e.path("name").asText().equals("DHT_BOOTSTRAP"))
                .findFirst()
                .orElseThrow()
                .path("value")
                .asText();
        String name = STATEFUL_SET.path("metadata").path("name").asText();
        for (String node : bootstrap.split(",")) {
            assertThat(node)
                    .matches(name + "-[0-9]+\\."
                            + service.path("metadata").path("name").asText() + ":4242");
        }
    }

    @Test
    void theComposeCityKeepsEachNodesStateOnAVolumeAndJoinsThroughTheBootstrapNode() {
        JsonNode services = DeployFiles.yaml("deploy/compose.yaml").path("services");
        List<String> nodes = new ArrayList<>();
        services.properties().forEach(entry -> {
            JsonNode s = entry.getValue();
            boolean node = !s.has("entrypoint");
            if (node) {
                nodes.add(entry.getKey());
                assertThat(list(s.path("volumes")))
                        .as(entry.getKey())
                        .anySatisfy(v -> assertThat(v.asText()).endsWith(":" + stateVolume()));
            }
            if (!entry.getKey().equals("bootstrap")) {
                assertThat(s.path("environment").path("DHT_BOOTSTRAP").asText())
                        .as(entry.getKey())
                        .isEqualTo("bootstrap:" + NODE_CONFIG.path("port").asInt());
            }
        });
        assertThat(nodes).contains("bootstrap").hasSizeGreaterThanOrEqualTo(3);
        assertThat(list(services.path("bootstrap").path("ports")))
                .extracting(JsonNode::asText)
                .contains("4242:4242/udp");
        assertThat(services.path("monitor").path("entrypoint").get(0).asText()).isEqualTo("monitor");
        assertThat(services.properties()).anySatisfy(e -> assertThat(e.getKey()).startsWith("sensor"));
    }
}
