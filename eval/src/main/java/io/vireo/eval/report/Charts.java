package io.vireo.eval.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The report's charts as PNG bytes (XChart, rendered with Java2D). */
final class Charts {

    static final int WIDTH = 900;
    static final int HEIGHT = 420;

    private Charts() {
    }

    /**
     * Grouped bars: one group per category, one bar per model. A model without a value for a
     * category gets 0 there (XChart needs equal lengths), which the HTML tables show as "—".
     */
    static byte[] bars(String title, String yTitle, List<String> categories, List<ModelResults> models,
                       BiFunction<ModelResults, String, Double> value) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLabelsVisible(false);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 30 : 0);
        for (ModelResults m : models) {
            List<Double> ys = new ArrayList<>();
            for (String c : categories) {
                Double v = value.apply(m, c);
                ys.add(v == null || v.isNaN() ? 0.0 : v);
            }
            chart.addSeries(m.name(), categories, ys);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Training loss against step, one line per model that has a curve. */
    static byte[] curves(List<ModelResults> models) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Training loss").xAxisTitle("step")
                .yAxisTitle("loss").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(0);
        for (ModelResults m : models) {
            if (m.curve().isEmpty()) {
                continue;
            }
            double[] x = m.curve().stream().mapToDouble(CurvePoint::step).toArray();
            double[] y = m.curve().stream().mapToDouble(CurvePoint::loss).toArray();
            chart.addSeries(m.name(), x, y);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
