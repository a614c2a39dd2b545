package io.rdht.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** The deployment files of the repository, read as the tools that use them would. */
final class DeployFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INSTRUCTION = Pattern.compile("^([A-Z]+)\\s+(.*)$");

    private DeployFiles() {}

    /** The repository's root: the {@code rdht.root} property Maven sets, else the parent directory. */
    static Path root() {
        return Path.of(System.getProperty("rdht.root", "..")).toAbsolutePath().normalize();
    }

    /** A YAML file as a tree, its anchors, aliases and merge keys ({@code <<: *x}) resolved. */
    static JsonNode yaml(String path) {
        try (Reader in = Files.newBufferedReader(root().resolve(path))) {
            return JSON.valueToTree(new Yaml().load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode toml(String path) {
        try {
            return new TomlMapper().readTree(root().resolve(path).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The arguments of every instruction {@code name} of deploy/Containerfile (continuations joined). */
    static List<String> containerfile(String name) {
        try {
            String text =
                    Files.readString(root().resolve("deploy/Containerfile")).replace("\\\n", " ");
            return text.lines()
                    .map(INSTRUCTION::matcher)
                    .filter(Matcher::matches)
                    .filter(m -> m.group(1).equals(name))
                    .map(m -> m.group(2).strip())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port of a {@code [HOST:]PORT} address. */
    static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
