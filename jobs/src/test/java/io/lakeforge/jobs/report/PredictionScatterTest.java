package io.lakeforge.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PredictionScatterTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void perfectPredictionsAreDrawnOnTheDiagonalAndNowhereElse() {
        double[] values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

        BufferedImage img = PredictionScatter.render(values, values.clone());

        PredictionScatter.Scale s = PredictionScatter.scale(values, values);
        for (double v : values) {
            // One pixel off the centre, perpendicular to the dashed diagonal, so the point shows.
            assertThat(isPoint(rgb(img, s.x(v) + 1, s.y(v) + 1))).as("point at %s", v).isTrue();
        }
        assertThat(isPoint(rgb(img, s.x(9), s.y(0)))).isFalse();
        assertThat(isPoint(rgb(img, s.x(0), s.y(9)))).isFalse();
    }

    @Test
    void anOverPredictionIsDrawnAboveTheDiagonal() {
        double[] actual = {0, 10};
        double[] predicted = {0, 20};

        BufferedImage img = PredictionScatter.render(actual, predicted);

        PredictionScatter.Scale s = PredictionScatter.scale(actual, predicted);
        assertThat(isPoint(rgb(img, s.x(10), s.y(20)))).isTrue();
        assertThat(s.y(20)).isLessThan(s.y(10));
        assertThat(isPoint(rgb(img, s.x(10), s.y(10)))).isFalse();
    }

    @Test
    void bothAxesShareOneScaleSoTheDiagonalIsAtFortyFiveDegrees() {
        PredictionScatter.Scale s = PredictionScatter.scale(new double[] {0, 1}, new double[] {100, 50});

        assertThat(s.lo()).isLessThan(0);
        assertThat(s.hi()).isGreaterThan(100);
        assertThat(s.x(s.hi()) - s.x(s.lo())).isEqualTo(s.y(s.lo()) - s.y(s.hi()));
    }

    @Test
    void manyPointsAreThinnedDeterministically() {
        int[] idx = PredictionScatter.sample(123_457);

        assertThat(idx).hasSize(PredictionScatter.MAX_POINTS);
        assertThat(idx[0]).isZero();
        // Evenly spaced: the last index is within one stride of the end.
        assertThat(idx[idx.length - 1]).isGreaterThanOrEqualTo(123_457 - 123_457 / PredictionScatter.MAX_POINTS - 1);
        for (int k = 1; k < idx.length; k++) {
            assertThat(idx[k]).isGreaterThan(idx[k - 1]);
        }
        assertThat(PredictionScatter.sample(3)).containsExactly(0, 1, 2);

        double[] actual = new double[20_000];
        double[] predicted = new double[20_000];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = Math.sin(i);
            predicted[i] = Math.cos(i * 0.7);
        }
        assertThat(pixels(PredictionScatter.render(actual, predicted)))
                .containsExactly(pixels(PredictionScatter.render(actual, predicted)));
    }

    @Test
    void nonFinitePairsAreSkippedAndConstantValuesStillGetARange() {
        double[] actual = {1, Double.NaN, 3, 2};
        double[] predicted = {1, 5, Double.NEGATIVE_INFINITY, 2};

        PredictionScatter.Scale s = PredictionScatter.scale(actual, predicted);
        assertThat(s.lo()).isBetween(0.9, 1.0);
        assertThat(s.hi()).isBetween(2.0, 2.1);
        assertThat(PredictionScatter.render(actual, predicted).getWidth()).isPositive();

        PredictionScatter.Scale flat = PredictionScatter.scale(new double[] {7, 7}, new double[] {7, 7});
        assertThat(flat.hi()).isGreaterThan(flat.lo());
        assertThat(PredictionScatter.render(new double[] {Double.NaN}, new double[] {1}).getWidth()).isPositive();
    }

    @Test
    void mismatchedOrEmptyInputIsRejected() {
        assertThatThrownBy(() -> PredictionScatter.render(new double[3], new double[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actual has 3 values but predicted has 2");
        assertThatThrownBy(() -> PredictionScatter.render(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    /** Point blue, possibly blended with white or grid grey; the grey diagonal and ink are not. */
    private static boolean isPoint(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int b = rgb & 0xFF;
        return b - r > 60;
    }

    private static int rgb(BufferedImage img, double x, double y) {
        return img.getRGB((int) Math.floor(x), (int) Math.floor(y)) & 0xFFFFFF;
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
