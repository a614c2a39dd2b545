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

    static final String HEADER = "nodes,lookups,lookup_success,hops_p50,hops_p99,latency_p50_ms,latency_p99_ms,"
            + "value_puts,values_found,values_gone,listen_delivered,listen_events,listen_p50_ms,listen_p99_ms,"
            + "datagrams_per_node_s,bytes_per_node_s,joins,heap_per_node_kib,wall_s";

    private ResultsCsv() {
    }

    static String format(List<SizeResult> results) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (SizeResult r : results) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%.5f,%d,%d,%d,%d,%.5f,%.5f,%.5f,%.5f,%d,%d,%d,%.3f,%.1f,%d,%d,%d%n",
                    r.nodes(), r.lookups(), r.lookupSuccess(), r.hopsP50(), r.hopsP99(), r.latencyP50Millis(),
                    r.latencyP99Millis(), r.valuePuts(), r.valuesFound(), r.valuesGone(), r.listenDelivered(),
                    r.listenEvents(), r.listenP50Millis(), r.listenP99Millis(), r.datagramsPerNodeSecond(),
                    r.bytesPerNodeSecond(), r.joins(), r.heapPerNodeKiB(), r.wallTime().toSeconds()));
        }
        return csv.toString();
    }

    /** The sizes in {@code file}, without their ratios over time. */
    static List<SizeResult> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not a simulation's results.csv (its first line differs)");
        }
        List<SizeResult> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length != 19) {
                throw new IOException(file + ": a line with " + f.length + " fields instead of 19: " + line);
            }
            try {
                out.add(new SizeResult(Integer.parseInt(f[0]), Duration.ofSeconds(Long.parseLong(f[18])),
                        Long.parseLong(f[17]), Long.parseLong(f[16]), Long.parseLong(f[1]), Double.parseDouble(f[2]),
                        Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]),
                        Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
                        Double.parseDouble(f[10]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                        Double.parseDouble(f[14]), Double.parseDouble(f[15]), null));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not a number in " + line, e);
            }
        }
        return out;
    }
}
