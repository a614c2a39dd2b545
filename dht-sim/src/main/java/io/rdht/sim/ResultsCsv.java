package io.rdht.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report's {@code results.csv}: one line per network size, written by every run and read back
 * to combine the sizes of several reports. The ratios over time are not in it.
 */
final class ResultsCsv {

    /** The columns before operation times were measured; such files are still read. */
    static final String FIRST_HEADER = "nodes,lookups,lookup_success,hops_p50,hops_p99,latency_p50_ms,latency_p99_ms,"
            + "value_puts,values_found,values_gone,listen_delivered,listen_events,listen_p50_ms,listen_p99_ms,"
            + "datagrams_per_node_s,bytes_per_node_s,joins,heap_per_node_kib,wall_s";

    private static final int FIRST_FIELDS = 19;
    /** The columns; new ones come last, so that scripts reading the first ones by position still work. */
    static final String HEADER = FIRST_HEADER + "," + Completion.CSV_HEADER;

    private ResultsCsv() {}

    static String format(List<SizeResult> results) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (SizeResult r : results) {
            csv.append(row(r)).append('\n');
        }
        return csv.toString();
    }

    /** One size's line, without its end of line, in the columns of {@link #HEADER}. */
    static String row(SizeResult r) {
        return String.format(
                Locale.ROOT,
                "%d,%d,%.5f,%d,%d,%d,%d,%.5f,%.5f,%.5f,%.5f,%d,%d,%d,%.3f,%.1f,%d,%d,%d,%s",
                r.nodes(),
                r.lookups(),
                r.lookupSuccess(),
                r.hopsP50(),
                r.hopsP99(),
                r.latencyP50Millis(),
                r.latencyP99Millis(),
                r.valuePuts(),
                r.valuesFound(),
                r.valuesGone(),
                r.listenDelivered(),
                r.listenEvents(),
                r.listenP50Millis(),
                r.listenP99Millis(),
                r.datagramsPerNodeSecond(),
                r.bytesPerNodeSecond(),
                r.joins(),
                r.heapPerNodeKiB(),
                r.wallTime().toSeconds(),
                r.completion().csv());
    }

    /**
     * The sizes in {@code file}, without their ratios over time; a file written before operation
     * times were measured gives {@link Completion#NONE} for them.
     */
    static List<SizeResult> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        boolean withTimes = !lines.isEmpty() && lines.get(0).equals(HEADER);
        if (!withTimes && (lines.isEmpty() || !lines.get(0).equals(FIRST_HEADER))) {
            throw new IOException(file + " is not a simulation's results.csv (its first line differs)");
        }
        int fields = withTimes ? FIRST_FIELDS + Completion.CSV_FIELDS : FIRST_FIELDS;
        List<SizeResult> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length != fields) {
                throw new IOException(
                        file + ": a line with " + f.length + " fields instead of " + fields + ": " + line);
            }
            try {
                out.add(new SizeResult(
                        Integer.parseInt(f[0]),
                        Duration.ofSeconds(Long.parseLong(f[18])),
                        Long.parseLong(f[17]),
                        Long.parseLong(f[16]),
                        Long.parseLong(f[1]),
                        Double.parseDouble(f[2]),
                        Long.parseLong(f[3]),
                        Long.parseLong(f[4]),
                        Long.parseLong(f[5]),
                        Long.parseLong(f[6]),
                        Double.parseDouble(f[7]),
                        Double.parseDouble(f[8]),
                        Double.parseDouble(f[9]),
                        Double.parseDouble(f[10]),
                        Long.parseLong(f[11]),
                        Long.parseLong(f[12]),
                        Long.parseLong(f[13]),
                        Double.parseDouble(f[14]),
                        Double.parseDouble(f[15]),
                        withTimes ? Completion.parse(f, FIRST_FIELDS) : Completion.NONE,
                        null));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a number in " + line, e);
            }
        }
        return out;
    }
}
