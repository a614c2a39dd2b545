package io.rdht.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4): every line is a {@code # HELP}, a
 * {@code # TYPE} or a sample of a family whose type was declared before it; anything else fails.
 */
final class PrometheusText {

    private static final Pattern TYPE =
            Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*})? (\\S+)");

    /** One sample line. */
    record Sample(String name, String labels, double value) {}

    final Map<String, String> types = new HashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusText parse(String text) {
        PrometheusText t = new PrometheusText();
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                t.types.put(m.group(1), m.group(2));
            } else if (HELP.matcher(line).matches() || line.isEmpty()) {
                continue;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                if (t.familyOf(name) == null) {
                    throw new AssertionError("line " + n + ": sample of an undeclared family: " + line);
                }
                t.samples.add(new Sample(name, m.group(2) == null ? "" : m.group(2), Double.parseDouble(m.group(3))));
            } else {
                throw new AssertionError("line " + n + " is not Prometheus text: " + line);
            }
        }
        return t;
    }

    /** The declared family a sample name belongs to, or null. */
    String familyOf(String sample) {
        for (String suffix : List.of("", "_total", "_bucket", "_count", "_sum")) {
            if (sample.endsWith(suffix)) {
                String family = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(family)) {
                    return family;
                }
            }
        }
        return null;
    }

    /** The value of the one sample named {@code name} whose labels contain each of {@code labels}. */
    double value(String name, String... labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && List.of(labels).stream().allMatch(s.labels()::contains))
                .mapToDouble(Sample::value)
                .reduce((a, b) -> {
                    throw new AssertionError("more than one sample " + name + " " + List.of(labels));
                })
                .orElseThrow(() -> new AssertionError("no sample " + name + " " + List.of(labels)));
    }
}
