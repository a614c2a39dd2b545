package io.rdht.node;

import io.rdht.cli.ExitCode;
import io.rdht.cli.Logging;
import io.rdht.cli.Reading;
import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.internal.InternalConfig;
import io.rdht.crypto.CryptoEngine;
import io.rdht.crypto.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import reactor.core.Disposable;

/**
 * {@code rdht selftest}: two nodes on 127.0.0.1 put a signed value, listen to it and get it
 * between them. It shows that
 * this machine can run nodes, and the launcher runs it once to record the start-up cache of JDK 25,
 * so it walks the path of a one-shot {@code sensor} (a reading parsed from JSON, an identity created
 * in a file and read back, a signed put) and of a monitor (a listen, a get, verification). It names
 * what runs the cryptography ({@link CryptoEngine#describe}).
 */
@Command(
        name = "selftest",
        mixinStandardHelpOptions = true,
        description = "Starts two nodes on 127.0.0.1, puts a value on one and gets it from the other, "
                + "and says whether that worked.")
final class SelftestCommand implements Callable<Integer> {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    @ParentCommand
    private RdhtCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Logging.configure(root.verbose());
        long start = System.nanoTime();
        InfoHash key = InfoHash.of("rdht-selftest");
        Identity sensor = identityFromFile();
        Reading reading = Reading.parse("{\"lvl_percent\":39,\"lat\":39.093214,\"long\":125.688883}");
        try (DhtNode first = NodeStarter.start(loopback(List.of(), Identity.generate()));
                DhtNode second = NodeStarter.start(loopback(List.of(Format.address(first.address())), sensor))) {
            // a signed put under a listen, as the sensor and the monitor do
            Disposable listening = first.listen(key).subscribe();
            Value stored = second.putSigned(
                            key,
                            Value.builder()
                                    .text(reading.toJson())
                                    .contentType(Reading.CONTENT_TYPE)
                                    .build())
                    .block(STEP_TIMEOUT)
                    .value();
            List<Value> found = first.get(key).collectList().block(STEP_TIMEOUT);
            listening.dispose();
            boolean ok = found.stream().anyMatch(v -> v.sameContentAs(stored) && v.verified());
            long ms = (System.nanoTime() - start) / 1_000_000;
            spec.commandLine()
                    .getOut()
                    .println(
                            ok
                                    ? "selftest: ok (two nodes put and got a value in " + ms + " ms; cryptography: "
                                            + CryptoEngine.describe() + ")"
                                    : "selftest: FAILED (the value put on one node was not found from the other)");
            return ok ? ExitCode.OK.code() : ExitCode.FAILED.code();
        }
    }

    /** An identity as a sensor has it: created in a file (a temporary one here), then read back. */
    private static Identity identityFromFile() {
        try {
            Path dir = Files.createTempDirectory("rdht-selftest");
            Path file = dir.resolve("sensor.identity");
            try {
                Identity.loadOrCreate(file);
                return Identity.loadOrCreate(file);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selftest: cannot use a temporary directory", e);
        }
    }

    private static NodeSetup loopback(List<String> bootstrap, Identity identity) {
        DhtConfig config = DhtConfig.builder()
                .bindHost("127.0.0.1")
                .port(0)
                .bootstrap(bootstrap.toArray(String[]::new))
                .identity(identity)
                .build();
        return new NodeSetup(
                config,
                config.networkId(),
                InternalConfig.engineSettings(config).storage());
    }
}
