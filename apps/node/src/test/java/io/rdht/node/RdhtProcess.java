package io.rdht.node;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An {@code rdht} process as a user runs it: real arguments, lines on its standard input, its
 * output read as it comes. Started through {@code bin/rdht} when the system property
 * {@code rdht.launcher} names it (the launcher tests, after the jar is built), else as
 * {@code java -cp <test class path> io.rdht.node.Main}.
 */
final class RdhtProcess {

    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+) \\(");

    private final Process process;
    private final Writer stdin;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final Thread outReader;
    private final Thread errReader;

    private RdhtProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.outReader = collect(process.getInputStream(), out);
        this.errReader = collect(process.getErrorStream(), err);
    }

    /** Starts {@code rdht args}, with a config directory of its own and no bootstrap variable. */
    static RdhtProcess start(Path configDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(rdhtCommand());
        command.addAll(List.of(args));
        ProcessBuilder pb = isolated(new ProcessBuilder(command), configDir);
        pb.environment().putAll(env);
        return new RdhtProcess(pb.start());
    }

    /**
     * The command line that runs {@code rdht}: {@code bin/rdht} when the system property
     * {@code rdht.launcher} names it, else this JVM running {@link Main} from the test class path,
     * less the benchmark module the churn tests use (its own {@code logback.xml} would make Logback
     * print warnings on the node's standard output).
     */
    static List<String> rdhtCommand() {
        String launcher = System.getProperty("rdht.launcher");
        if (launcher != null) {
            return List.of(launcher);
        }
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("dht-bench"))
                .collect(Collectors.joining(File.pathSeparator));
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath,
                Main.class.getName());
    }

    /** Starts another of rdht's launchers, e.g. {@code bin/sensor}, with a config directory of its own. */
    static RdhtProcess launch(Path launcher, Path configDir, String... args) throws IOException {
        return launch(launcher, configDir, Map.of(), args);
    }

    /** As {@link #launch(Path, Path, String...)}, with {@code env} added to the environment. */
    static RdhtProcess launch(Path launcher, Path configDir, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = isolated(new ProcessBuilder(command), configDir);
        pb.environment().putAll(env);
        return new RdhtProcess(pb.start());
    }

    /**
     * No bootstrap variable, the config directory of the test, and a state directory of this
     * process's own in it: a headless node keeps state by default, and two must never share one.
     * SIGINT is given its default action first ({@code env --default-signal=INT}, which then runs
     * the command in its place): a build started in the background of a shell ignores SIGINT, the
     * processes it starts inherit that, and {@link #interrupt} would go unheard.
     */
    private static ProcessBuilder isolated(ProcessBuilder pb, Path configDir) {
        pb.command().addAll(0, List.of("env", "--default-signal=INT"));
        pb.environment().remove("DHT_BOOTSTRAP");
        pb.environment().put("XDG_CONFIG_HOME", configDir.toString());
        pb.environment()
                .put(
                        "XDG_STATE_HOME",
                        configDir.resolve("state-" + STARTED.incrementAndGet()).toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb;
    }

    /** Starts a console node on 127.0.0.1 and a free port, joining through {@code bootstrap} if given. */
    static RdhtProcess console(Path configDir, String... bootstrap) throws IOException {
        List<String> args = new ArrayList<>(List.of("-p", "0", "--bind", "127.0.0.1"));
        for (String b : bootstrap) {
            args.addAll(List.of("-b", b));
        }
        return start(configDir, Map.of(), args.toArray(String[]::new));
    }

    /** The address the node printed on its first line, as {@code host:port}. */
    String address(Duration within) {
        String first = awaitLine(l -> LISTENING.matcher(l).find(), within);
        Matcher m = LISTENING.matcher(first);
        if (!m.find()) {
            throw new AssertionError("no address in " + first);
        }
        return m.group(1);
    }

    /** Types {@code line} into the console. */
    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Ends the console's input, as Ctrl-D or the end of a script does. */
    void closeInput() throws IOException {
        stdin.close();
    }

    /** The first output line that {@code matches}, waiting at most {@code within}. */
    String awaitLine(Predicate<String> matches, Duration within) {
        try {
            return await().atMost(within)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> out.stream().filter(matches).findFirst(), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "no expected line of output within " + within + "; stdout:\n" + stdout() + "\nstderr:\n" + stderr(),
                    e);
        }
    }

    /** The first line on standard error that {@code matches}, waiting at most {@code within}. */
    String awaitErrLine(Predicate<String> matches, Duration within) {
        try {
            return await().atMost(within)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> err.stream().filter(matches).findFirst(), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "no expected line on stderr within " + within + "; stdout:\n" + stdout() + "\nstderr:\n" + stderr(),
                    e);
        }
    }

    /** The output lines after the first one that {@code starts}, up to now. */
    List<String> linesAfter(Predicate<String> starts) {
        List<String> lines = List.copyOf(out);
        for (int i = 0; i < lines.size(); i++) {
            if (starts.test(lines.get(i))) {
                return lines.subList(i, lines.size());
            }
        }
        return List.of();
    }

    /** Waits for the process to end, at most {@code within}, and returns its exit code. */
    int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "rdht did not exit within " + within + "; output:\n" + stdout() + "\nstderr:\n" + stderr());
        }
        // The readers may still be draining the pipes.
        outReader.join(Duration.ofSeconds(5));
        errReader.join(Duration.ofSeconds(5));
        return process.exitValue();
    }

    /** Standard output so far. */
    String stdout() {
        return String.join("\n", out);
    }

    /** Standard error so far. */
    String stderr() {
        return String.join("\n", err);
    }

    /** Sends the process SIGINT, as Ctrl-C on a terminal does. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }

    /** Sends the process SIGTERM, as a service manager stopping it does. */
    void terminate() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid()))
                .start()
                .waitFor();
    }

    /** Kills the process and whatever it started (a launcher recording its cache runs java as a child). */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static Thread collect(InputStream stream, List<String> into) {
        return Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
