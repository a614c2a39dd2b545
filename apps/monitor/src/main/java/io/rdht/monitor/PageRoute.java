package io.rdht.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.rdht.core.InfoHash;
import io.rdht.http.HttpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The map page and everything it loads, from the jar: {@code /} (the page), {@code /app.js},
 * {@code /app.css}, {@code /config.json} (the key, its events path and the tile URL) and
 * Leaflet's files under {@code /leaflet/} (the {@code org.webjars.npm:leaflet} WebJar), so the
 * page works with no internet. Tiles alone come from elsewhere, when the browser reaches them.
 */
final class PageRoute implements HttpRoute {

    /** The Leaflet release bundled; must match the WebJar's version in the pom. */
    static final String LEAFLET_VERSION = "1.9.4";

    private static final String LEAFLET = "META-INF/resources/webjars/leaflet/" + LEAFLET_VERSION + "/dist/";
    private static final String OWN = "io/rdht/monitor/web/";

    private record Asset(String type, byte[] bytes) {}

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    /** The page of {@code key} (shown as {@code keyName}), with tiles from {@code tiles} or none when null. */
    PageRoute(InfoHash key, String keyName, String tiles) {
        assets.put("/", load(OWN + "index.html", "text/html; charset=utf-8"));
        assets.put("/app.js", load(OWN + "app.js", "text/javascript; charset=utf-8"));
        assets.put("/app.css", load(OWN + "app.css", "text/css; charset=utf-8"));
        assets.put("/leaflet/leaflet.js", load(LEAFLET + "leaflet.js", "text/javascript; charset=utf-8"));
        assets.put("/leaflet/leaflet.css", load(LEAFLET + "leaflet.css", "text/css; charset=utf-8"));
        for (String image : new String[] {
            "layers.png", "layers-2x.png", "marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"
        }) {
            assets.put("/leaflet/images/" + image, load(LEAFLET + "images/" + image, "image/png"));
        }
        ObjectNode config = new ObjectMapper().createObjectNode();
        config.put("key", keyName);
        config.put("hash", key.toHex());
        config.put("events", "/" + key.toHex() + "/events");
        config.put("tiles", tiles);
        config.put(
                "attribution",
                tiles != null && tiles.contains("openstreetmap.org")
                        ? "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors"
                        : "");
        assets.put(
                "/config.json", new Asset("application/json", config.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void addTo(HttpServerRoutes routes) {
        assets.forEach((path, asset) -> routes.get(
                path,
                (request, response) -> response.status(HttpResponseStatus.OK)
                        .header("Content-Type", asset.type())
                        .header("Cache-Control", path.equals("/config.json") ? "no-cache" : "max-age=300")
                        .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(asset.bytes())))));
    }

    private static Asset load(String resource, String type) {
        try (InputStream in = PageRoute.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + resource);
            }
            return new Asset(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
