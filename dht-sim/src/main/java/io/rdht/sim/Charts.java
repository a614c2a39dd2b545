package io.rdht.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's plots, as PNG files. */
final class Charts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 480;

    private Charts() {}

    /** One line per percentile of a figure against network size, on a logarithmic size axis. */
    static void againstSize(
            Path file,
            String title,
            String yTitle,
            List<SizeResult> results,
            List<String> names,
            List<ToDoubleFunction<SizeResult>> figures)
            throws IOException {
        XYChart chart = chart(title, "nodes", yTitle);
        chart.getStyler().setXAxisLogarithmic(results.size() > 1);
        List<Double> sizes = results.stream().map(r -> (double) r.nodes()).toList();
        for (int i = 0; i < names.size(); i++) {
            ToDoubleFunction<SizeResult> f = figures.get(i);
            chart.addSeries(
                            names.get(i),
                            sizes,
                            results.stream().map(r -> f.applyAsDouble(r)).toList())
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        save(chart, file);
    }

    /** One line per network size of a percentage over the minutes of measuring, on a scale from at most 90%. */
    static void overTime(
            Path file, String title, String yTitle, List<SizeResult> results, Function<SizeResult, TimeSeries> series)
            throws IOException {
        XYChart chart = chart(title, "minutes of churn", yTitle);
        double lowest = 100;
        for (SizeResult r : results) {
            TimeSeries s = series.apply(r);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> minutes = s.minutes();
            List<Double> percent = s.percentages();
            for (int i = 0; i < minutes.size(); i++) {
                if (!percent.get(i).isNaN()) {
                    x.add(minutes.get(i));
                    y.add(percent.get(i));
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(String.format("%,d nodes", r.nodes()), x, y).setMarker(SeriesMarkers.NONE);
                lowest = Math.min(
                        lowest,
                        y.stream().mapToDouble(Double::doubleValue).min().orElse(100));
            }
        }
        // A scale of at least 90–100%, so that a flat 100% line shows as such and a dip stays visible.
        chart.getStyler().setYAxisMin(Math.min(90, Math.floor(lowest)));
        chart.getStyler().setYAxisMax(100.0);
        save(chart, file);
    }

    /**
     * Per network size, the median and 99th percentile of get and put completion times in each
     * minute of measuring, on a logarithmic scale, and a vertical line at a mass crash.
     */
    static void durationsOverTime(Path file, String title, List<SizeResult> results) throws IOException {
        XYChart chart = chart(title, "minutes of measuring", "ms (virtual)");
        chart.getStyler().setYAxisLogarithmic(true);
        double highest = 1;
        for (SizeResult r : results) {
            OperationTimes times = r.series().times();
            String size = String.format("%,d nodes", r.nodes());
            highest = Math.max(
                    highest, addLine(chart, size + ", get p50", times.perMinute(times.getComplete, Percentiles::p50)));
            highest = Math.max(
                    highest, addLine(chart, size + ", get p99", times.perMinute(times.getComplete, Percentiles::p99)));
            highest = Math.max(
                    highest, addLine(chart, size + ", put p99", times.perMinute(times.putComplete, Percentiles::p99)));
            if (times.crashMinute() >= 0) {
                chart.addSeries(
                                size + ", crash",
                                new double[] {times.crashMinute(), times.crashMinute()},
                                new double[] {1, highest})
                        .setMarker(SeriesMarkers.NONE);
            }
        }
        save(chart, file);
    }

    /** Adds a line of (minute, milliseconds) points, each at least 1 for the logarithmic scale; returns its peak. */
    private static double addLine(XYChart chart, String name, List<double[]> points) {
        if (points.isEmpty()) {
            return 1;
        }
        List<Double> x = points.stream().map(p -> p[0]).toList();
        List<Double> y = points.stream().map(p -> Math.max(1, p[1])).toList();
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
        return y.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    private static void save(XYChart chart, Path file) throws IOException {
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no data", new double[] {0}, new double[] {0});
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
