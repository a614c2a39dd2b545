package io.rdht.monitor;

import io.rdht.cli.ExitCode;
import io.rdht.cli.HttpAddress;
import io.rdht.cli.TileUrl;
import io.rdht.cli.UserError;
import java.net.InetSocketAddress;
import picocli.CommandLine.Option;

/** The options of the live map in a browser: {@code --web [HOST:]PORT} and {@code --tiles URL}. */
public final class WebOptions {

    @Option(
            names = "--web",
            paramLabel = "[HOST:]PORT",
            description =
                    "Serve the live map on this address (a port alone: 127.0.0.1; 0: any free port); off by default.")
    private String web;

    @Option(
            names = "--tiles",
            paramLabel = "URL",
            description = "Map tiles for the web page, {z}/{x}/{y} URL or 'none' (default: ${DEFAULT-VALUE}).")
    private String tiles = TileUrl.DEFAULT;

    /** The address to serve the map on, or {@code null} when off. */
    public InetSocketAddress address() {
        if (web == null) {
            return null;
        }
        try {
            InetSocketAddress a = HttpAddress.parse(web);
            return new InetSocketAddress(a.getHostString(), a.getPort());
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, "--web: " + e.getMessage());
        }
    }

    /** The tile URL template, or {@code null} for none. */
    public String tiles() {
        try {
            TileUrl.check(tiles);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, "--tiles: " + e.getMessage());
        }
        return tiles.equals(TileUrl.NONE) ? null : tiles;
    }
}
