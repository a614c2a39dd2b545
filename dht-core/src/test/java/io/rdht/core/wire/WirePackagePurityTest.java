package io.rdht.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WirePackagePurityTest {
    private static final Path SOURCES = Path.of("src/main/java/io/rdht/core/wire");
    private static final List<String> FORBIDDEN = List.of("reactor.", "io.netty.", "System.currentTimeMillis",
            "System.nanoTime", "Instant.now", "Clock.", "Thread.sleep");

    @Test
    void wireCodeImportsNeitherReactorNorNettyAndReadsNoClock() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                assertThat(FORBIDDEN).as(file.getFileName().toString()).noneMatch(source::contains);
            }
        }
    }
}
