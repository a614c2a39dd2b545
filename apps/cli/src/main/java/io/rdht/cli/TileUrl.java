package io.rdht.cli;

/**
 * A map tile URL template as Leaflet takes it ({@code https://host/{z}/{x}/{y}.png}, with an
 * optional {@code {s}} subdomain), or {@code none} for a map without tiles.
 */
public final class TileUrl {

    /** OpenStreetMap's standard tiles: fetched by the browser, only when it can reach them. */
    public static final String DEFAULT = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    /** The value that turns tiles off. */
    public static final String NONE = "none";

    private TileUrl() {}

    /**
     * Checks {@code url}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static void check(String url) {
        if (url.equals(NONE)) {
            return;
        }
        if (!url.matches("https?://[^\\s\"'<>]+")
                || !url.contains("{z}")
                || !url.contains("{x}")
                || !url.contains("{y}")) {
            throw new IllegalArgumentException(
                    "expected an http(s) URL with {z}, {x} and {y}, or 'none', got '" + url + "'");
        }
    }
}
