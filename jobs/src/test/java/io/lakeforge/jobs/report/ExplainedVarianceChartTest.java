package io.lakeforge.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExplainedVarianceChartTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void barHeightsFollowTheRatios() {
        double[] ratios = {0.5, 0.25, 0.15, 0.1};

        BufferedImage img = ExplainedVarianceChart.render(ratios);

        ExplainedVarianceChart.Layout l = ExplainedVarianceChart.layout(ratios.length);
        for (int i = 0; i < ratios.length; i++) {
            assertThat((double) barHeight(img, l, i)).as("component %d", i + 1)
                    .isCloseTo(ratios[i] * ExplainedVarianceChart.PLOT_HEIGHT, within(2.0));
        }
        assertThat(barHeight(img, l, 0)).isGreaterThan(barHeight(img, l, 1));
        assertThat(barHeight(img, l, 1)).isGreaterThan(barHeight(img, l, 2));
        assertThat(barHeight(img, l, 2)).isGreaterThan(barHeight(img, l, 3));
    }

    @Test
    void cumulativeLineEndsAtTheTopWhenTheRatiosSumToOne() {
        BufferedImage img = ExplainedVarianceChart.render(new double[] {0.6, 0.3, 0.1});

        ExplainedVarianceChart.Layout l = ExplainedVarianceChart.layout(3);
        assertThat(rgb(img, l.x(2), ExplainedVarianceChart.TOP)).isEqualTo(ExplainedVarianceChart.LINE);
        assertThat(rgb(img, l.x(1), ExplainedVarianceChart.Layout.y(0.9))).isEqualTo(ExplainedVarianceChart.LINE);
        // The first point sits on top of the first bar: cumulative = ratio there.
        assertThat(rgb(img, l.x(0), ExplainedVarianceChart.Layout.y(0.6))).isEqualTo(ExplainedVarianceChart.LINE);
    }

    @Test
    void cumulativeLineStopsBelowTheTopWhenComponentsExplainLess() {
        BufferedImage img = ExplainedVarianceChart.render(new double[] {0.3, 0.2, 0.1});

        ExplainedVarianceChart.Layout l = ExplainedVarianceChart.layout(3);
        assertThat(rgb(img, l.x(2), ExplainedVarianceChart.Layout.y(0.6))).isEqualTo(ExplainedVarianceChart.LINE);
        assertThat(rgb(img, l.x(2), ExplainedVarianceChart.TOP)).isNotEqualTo(ExplainedVarianceChart.LINE);
    }

    @Test
    void widthGrowsWithTheComponentsButIsCapped() {
        int two = ExplainedVarianceChart.render(new double[] {0.5, 0.5}).getWidth();
        int thirty = ExplainedVarianceChart.render(new double[30]).getWidth();
        BufferedImage many = ExplainedVarianceChart.render(new double[2000]);

        assertThat(thirty).isGreaterThan(two);
        assertThat(many.getWidth()).isEqualTo(ExplainedVarianceChart.LEFT + ExplainedVarianceChart.MAX_PLOT_WIDTH
                + ExplainedVarianceChart.RIGHT);
        assertThat(many.getHeight()).isEqualTo(ExplainedVarianceChart.Layout.height());
    }

    @Test
    void manyComponentsAreLabelledEveryNth() {
        assertThat(ExplainedVarianceChart.labelStep(28)).isEqualTo(1);
        assertThat(ExplainedVarianceChart.labelStep(13)).isEqualTo(2);
        assertThat(ExplainedVarianceChart.labelStep(6)).isEqualTo(5);
        assertThat(ExplainedVarianceChart.labelStep(720.0 / 784)).isEqualTo(50);
    }

    @Test
    void legendAndLabelsAreDrawn() {
        assertThat(ChartsTest.fontsWork()).as("usable fonts (.ci/run installs fontconfig and DejaVu)").isTrue();
        BufferedImage img = ExplainedVarianceChart.render(new double[] {0.7, 0.3});

        int legendInk = ConfusionMatrixPictureTest.inkPixels(img, ExplainedVarianceChart.LEFT + 14, 0,
                img.getWidth(), ExplainedVarianceChart.TOP - 6);
        int yLabelInk = ConfusionMatrixPictureTest.inkPixels(img, 24, ExplainedVarianceChart.TOP - 6,
                ExplainedVarianceChart.LEFT - 2, ExplainedVarianceChart.TOP + 8);
        assertThat(legendInk).isGreaterThan(30);
        assertThat(yLabelInk).as("the 1.0 tick label").isGreaterThan(5);
    }

    @Test
    void invalidRatiosAreRejectedWithTheReason() {
        assertThatThrownBy(() -> ExplainedVarianceChart.render(new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ExplainedVarianceChart.render(new double[] {0.5, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("explainedVarianceRatio[1] is NaN");
        assertThatThrownBy(() -> ExplainedVarianceChart.render(new double[] {-0.1, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0] is -0.1");
        assertThatThrownBy(() -> ExplainedVarianceChart.render(new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> ExplainedVarianceChart.render(new double[] {4.2, 1.3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sums to 5.5")
                .hasMessageContaining("not its variance");
    }

    @Test
    void ratiosThatOvershootOneByRoundingAreAccepted() {
        double[] ratios = {0.1, 0.2, 0.3, 0.4 + 1e-9};

        assertThat(ExplainedVarianceChart.render(ratios).getWidth()).isPositive();
    }

    /** Bar pixels counted up from the axis, a quarter bar left of centre to miss the line's markers. */
    private static int barHeight(BufferedImage img, ExplainedVarianceChart.Layout l, int i) {
        int x = (int) Math.round(l.x(i) - l.slot() * 0.7 / 4);
        int y = (int) ExplainedVarianceChart.Layout.y(0) - 2;
        int h = 0;
        while (y - h >= 0 && rgb(img, x, y - h) == ExplainedVarianceChart.BAR) {
            h++;
        }
        return h + 2;
    }

    private static int rgb(BufferedImage img, double x, double y) {
        return img.getRGB((int) Math.floor(x), (int) Math.floor(y)) & 0xFFFFFF;
    }
}
