package io.rdht.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reactive boundary is one layer: the protocol core imports neither Reactor nor Netty and reads no clock. */
class PureCorePurityTest {
    private static final Path SOURCES = Path.of("src/main/java/io/rdht/core");
    private static final List<String> FORBIDDEN = List.of(
            "import reactor.",
            "import io.netty.",
            "System.currentTimeMillis",
            "System.nanoTime",
            "Instant.now",
            "Clock.",
            "Thread.sleep",
            "new Thread");

    @ParameterizedTest
    @ValueSource(strings = {"wire", "routing", "lookup", "storage", "listen", "sign", "engine", "state"})
    void corePackageImportsNeitherReactorNorNettyAndReadsNoClock(String pkg) throws IOException {
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            List<Path> sources =
                    files.filter(f -> f.toString().endsWith(".java")).toList();
            assertThat(sources).isNotEmpty();
            for (Path file : sources) {
                String source = Files.readString(file);
                assertThat(FORBIDDEN).as(pkg + "/" + file.getFileName()).noneMatch(source::contains);
            }
        }
    }

    /** The domain packages know nothing of the wire format: they import no type of it. */
    @ParameterizedTest
    @ValueSource(strings = {"routing", "lookup", "storage", "listen", "sign", "state"})
    void domainPackageImportsNothingFromWire(String pkg) throws IOException {
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertThat(Files.readAllLines(file))
                        .as(pkg + "/" + file.getFileName())
                        .noneMatch(l -> l.contains("io.rdht.core.wire."));
            }
        }
    }

    @Test
    void everyPackageSaysWhatItIsAndWhenNullIsAllowed() throws IOException {
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            List<Path> packages = dirs.filter(Files::isDirectory).toList();
            assertThat(packages).hasSizeGreaterThan(5);
            for (Path dir : packages) {
                Path info = dir.resolve("package-info.java");
                assertThat(info)
                        .as("package-info of " + SOURCES.relativize(dir))
                        .exists();
                assertThat(read(info)).as(info.toString()).contains("Nullness:");
            }
        }
    }

    @Test
    void reactorAppearsOnlyAtTheEdge() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<String> users = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("import reactor."))
                    .map(f -> SOURCES.relativize(f).toString())
                    .sorted()
                    .toList();
            assertThat(users).allMatch(f -> !f.contains("/") || f.startsWith("transport/"));
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
