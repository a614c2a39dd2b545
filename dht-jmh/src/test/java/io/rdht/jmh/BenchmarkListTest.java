package io.rdht.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Guards against benchmarks that silently vanish: JMH runs only what its annotation processor
 * listed at compile time, and JDK 23+ javac skips processors it is not told of (STACK.md pitfall 5).
 */
class BenchmarkListTest {

    @Test
    void annotationProcessorListedTheBenchmarksOfEveryArea() {
        Set<BenchmarkListEntry> listed = BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of());

        Set<String> areas =
                listed.stream().map(BenchmarkListEntry::getUserClassQName).collect(Collectors.toSet());

        assertThat(areas)
                .containsExactlyInAnyOrder(
                        CodecBenchmark.class.getName(),
                        RoutingBenchmark.class.getName(),
                        StorageBenchmark.class.getName(),
                        SigningBenchmark.class.getName());
    }
}
