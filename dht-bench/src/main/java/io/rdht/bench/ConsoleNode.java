package io.rdht.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code rdht} console node as a process of its own: started with a command line, driven
 * through its standard input ({@code g KEY}, {@code lr}, {@code x}…), its output read as it comes.
 * It knows its process id, and the node id and port the node printed on its first line.
 *
 * <p>Every wait is bounded by the duration it is given; a wait that runs out throws an
 * {@link IllegalStateException} quoting what the process printed.
 */
public final class ConsoleNode implements AutoCloseable {

    // "node <40 hex> listening on 127.0.0.1:4242 (...)", rdht's first line (NodeStarter.describe)
    private static final Pattern FIRST_LINE = Pattern.compile("^node ([0-9a-f]{40}) listening on (\\S+):(\\d+) \\(");
    private static final int STDERR_LINES_KEPT = 40;
    private static final int STDOUT_LINES_KEPT = 200_000;

    private final Process process;
    private final Writer stdin;
    private final List<String> lines = new ArrayList<>();
    private final Deque<String> errTail = new ArrayDeque<>();
    private String id;
    private int port = -1;
    private boolean outputEnded;

    private ConsoleNode(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().name("rdht-" + process.pid() + "-out").start(() -> {
            read(process.getInputStream(), this::addLine);
            outputEnded();
        });
        Thread.ofVirtual()
                .name("rdht-" + process.pid() + "-err")
                .start(() -> read(process.getErrorStream(), this::addErr));
    }

    /**
     * Starts {@code launch} followed by {@code args}, with {@code env} added to the environment and
     * no {@code DHT_BOOTSTRAP}; returns at once, before the node is up ({@link #awaitReady}).
     */
    public static ConsoleNode launch(List<String> launch, List<String> args, Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>(launch);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("DHT_BOOTSTRAP");
        pb.environment().putAll(env);
        return new ConsoleNode(pb.start());
    }

    /** Waits for the node's first line, at most {@code within}, and reads its id and port from it. */
    public ConsoleNode awaitReady(Duration within) {
        String first = awaitLine(0, l -> FIRST_LINE.matcher(l).find(), within);
        Matcher m = FIRST_LINE.matcher(first);
        m.find();
        synchronized (this) {
            id = m.group(1);
            port = Integer.parseInt(m.group(3));
        }
        return this;
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** The node id, 40 hex digits, once {@link #awaitReady} has returned. */
    public synchronized String id() {
        return id;
    }

    /** The UDP port the node bound, once {@link #awaitReady} has returned. */
    public synchronized int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Whether the process still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Number of output lines so far: a mark to wait for the lines after it. */
    public synchronized int mark() {
        return lines.size();
    }

    /** Types {@code line} into the console. */
    public void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to rdht (pid " + pid() + ")" + describeOutput(), e);
        }
    }

    /** The first output line at or after {@code from} that {@code matches}, waiting at most {@code within}. */
    public synchronized String awaitLine(int from, Predicate<String> matches, Duration within) {
        return lines.get(awaitIndex(from, matches, within));
    }

    /** The {@code count} output lines from {@code from} on, waiting at most {@code within} for them. */
    public List<String> awaitLines(int from, int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (this) {
            while (lines.size() < from + count) {
                waitUntil(deadline, within);
            }
            return List.copyOf(lines.subList(from, from + count));
        }
    }

    /** The output lines from {@code from} on, as far as they have come. */
    public synchronized List<String> linesFrom(int from) {
        return List.copyOf(lines.subList(Math.min(from, lines.size()), lines.size()));
    }

    /**
     * Types {@code line} and waits, at most {@code within}, for an output line that {@code ends} the
     * command's answer; returns the answer's lines, that one included.
     */
    public List<String> command(String line, Predicate<String> ends, Duration within) {
        int from = mark();
        send(line);
        synchronized (this) {
            return List.copyOf(lines.subList(from, awaitIndex(from, ends, within) + 1));
        }
    }

    /** Sends SIGKILL, as a machine that dies, and waits for the process to end. */
    public void kill() {
        killNow();
        awaitEnd(Duration.ofSeconds(10));
    }

    /** Sends SIGKILL and returns at once, so that several nodes die at the same moment. */
    public void killNow() {
        process.destroyForcibly();
    }

    /** Sends SIGTERM, as {@code kill PID} or a service manager does, and returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** Waits at most {@code within} for the process to end and returns its exit code. */
    public int awaitExit(Duration within) {
        if (!awaitEnd(within)) {
            throw new IllegalStateException("rdht (pid " + pid() + ") still runs after " + within + describeOutput());
        }
        return process.exitValue();
    }

    /** What the process printed on standard output (the last lines) and standard error (its tail). */
    public synchronized String describeOutput() {
        List<String> out = lines.subList(Math.max(0, lines.size() - 40), lines.size());
        return "\n--- stdout (last " + out.size() + " lines):\n" + String.join("\n", out) + "\n--- stderr (last "
                + errTail.size() + " lines):\n" + String.join("\n", errTail);
    }

    /** Kills the process (SIGKILL) if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private boolean awaitEnd(Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for rdht (pid " + pid() + ") to end", e);
        }
    }

    /** The index of the first output line at or after {@code from} that {@code matches}, waiting at most {@code within}. */
    public synchronized int awaitIndex(int from, Predicate<String> matches, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        int next = from;
        while (true) {
            for (; next < lines.size(); next++) {
                if (matches.test(lines.get(next))) {
                    return next;
                }
            }
            waitUntil(deadline, within);
        }
    }

    // Called holding the lock: waits for the next line, or throws once the deadline has passed or
    // the process's output has ended.
    private void waitUntil(long deadline, Duration within) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || outputEnded) {
            throw new IllegalStateException("no expected output from rdht (pid " + pid() + ")"
                    + (outputEnded ? "; its output ended" : " within " + within) + describeOutput());
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for rdht (pid " + pid() + ")", e);
        }
    }

    private synchronized void addLine(String line) {
        if (lines.size() < STDOUT_LINES_KEPT) {
            lines.add(line);
        }
        notifyAll();
    }

    private synchronized void outputEnded() {
        outputEnded = true;
        notifyAll();
    }

    private synchronized void addErr(String line) {
        if (errTail.size() == STDERR_LINES_KEPT) {
            errTail.removeFirst();
        }
        errTail.addLast(line);
    }

    private static void read(InputStream stream, Consumer<String> sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                sink.accept(line);
            }
        } catch (IOException e) {
            // the process ended and its pipe closed under us: nothing more to read
        }
    }
}
