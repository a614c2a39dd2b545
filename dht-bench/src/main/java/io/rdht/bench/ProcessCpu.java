package io.rdht.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a process has used so far, in user space and in the kernel apart, from {@code
 * /proc/PID/stat} (Linux; in ticks of {@value #TICK_NANOS} ns, the kernel's USER_HZ of 100). Two
 * readings tell what a phase cost a server: for event streams, most of it is the kernel's work of
 * writing to each connection.
 *
 * @param userNanos   CPU time in user space
 * @param systemNanos CPU time in the kernel on the process's behalf
 */
record ProcessCpu(long userNanos, long systemNanos) {

    /** One tick of {@code /proc}'s CPU times. */
    static final long TICK_NANOS = 10_000_000;

    /** No reading: not Linux, or the process is gone. */
    static final ProcessCpu UNKNOWN = new ProcessCpu(-1, -1);

    /** What process {@code pid} has used, or {@link #UNKNOWN}. */
    static ProcessCpu of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /**
     * The times in a {@code /proc/PID/stat} line: fields 14 and 15, counted after the command name,
     * which is in parentheses and may hold spaces.
     */
    static ProcessCpu parse(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after[0] is field 3 (the state): utime is field 14, stime field 15
        return new ProcessCpu(Long.parseLong(after[11]) * TICK_NANOS, Long.parseLong(after[12]) * TICK_NANOS);
    }

    /** Microseconds of user and kernel time from {@code before} to this reading, per {@code n} things done. */
    String perThingSince(ProcessCpu before, long n) {
        if (userNanos < 0 || before.userNanos < 0 || n == 0) {
            return "?";
        }
        return String.format(
                java.util.Locale.ROOT,
                "%.1f / %.1f",
                (userNanos - before.userNanos) / 1e3 / n,
                (systemNanos - before.systemNanos) / 1e3 / n);
    }
}
