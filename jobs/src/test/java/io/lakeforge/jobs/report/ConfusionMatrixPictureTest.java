package io.lakeforge.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConfusionMatrixPictureTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void perfectClassifierHasTheDarkestDiagonalAndBackgroundElsewhere() {
        long[][] counts = {{40, 0, 0}, {0, 7, 0}, {0, 0, 1234}};
        List<String> names = List.of("cat", "dog", "bird");

        BufferedImage img = ConfusionMatrixPicture.render(counts, names);

        ConfusionMatrixPicture.Layout l = ConfusionMatrixPicture.layout(names);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // Whole rows on the diagonal are 100 % shares whatever the class's size.
                assertThat(cell(img, l, i, j)).as("cell %d,%d", i, j)
                        .isEqualTo(i == j ? Charts.blues(1.0) : ConfusionMatrixPicture.EMPTY);
            }
        }
        assertThat(Charts.blues(1.0)).isEqualTo(0x08306B);
    }

    @Test
    void cellsGetDarkerWithTheirShareOfTheRowNotTheirCount() {
        // Row 1 is ten times larger, but its diagonal share (0.7) is below row 0's (0.9).
        long[][] counts = {{90, 10}, {300, 700}};
        List<String> names = List.of("a", "b");

        BufferedImage img = ConfusionMatrixPicture.render(counts, names);

        ConfusionMatrixPicture.Layout l = ConfusionMatrixPicture.layout(names);
        assertThat(brightness(cell(img, l, 0, 0))).isLessThan(brightness(cell(img, l, 1, 1)));
        assertThat(brightness(cell(img, l, 1, 1))).isLessThan(brightness(cell(img, l, 1, 0)));
        assertThat(brightness(cell(img, l, 1, 0))).isLessThan(brightness(cell(img, l, 0, 1)));
        // Even the lightest non-empty cell is visibly not empty.
        assertThat(brightness(cell(img, l, 0, 1))).isLessThan(brightness(ConfusionMatrixPicture.EMPTY) - 40);
    }

    @Test
    void countsArePrintedInAColourThatContrastsWithTheCell() {
        assertThat(ChartsTest.fontsWork()).as("usable fonts (.ci/run installs fontconfig and DejaVu)").isTrue();
        long[][] counts = {{5000, 1}, {0, 3000}};
        List<String> names = List.of("no", "yes");

        BufferedImage img = ConfusionMatrixPicture.render(counts, names);

        ConfusionMatrixPicture.Layout l = ConfusionMatrixPicture.layout(names);
        assertThat(coloursInCell(img, l, 0, 0)).anyMatch(rgb -> brightness(rgb) > 3 * 200);
        assertThat(coloursInCell(img, l, 0, 1)).anyMatch(rgb -> brightness(rgb) < 3 * 80);
        assertThat(Charts.textOn(Charts.blues(1.0))).isEqualTo(0xFFFFFF);
        assertThat(Charts.textOn(Charts.blues(0.1))).isNotEqualTo(0xFFFFFF);
    }

    @Test
    void namesAndAxisTitlesAreDrawnBesideAndBelowTheGrid() {
        assertThat(ChartsTest.fontsWork()).as("usable fonts (.ci/run installs fontconfig and DejaVu)").isTrue();
        List<String> names = List.of("setosa", "versicolor", "virginica");

        BufferedImage img = ConfusionMatrixPicture.render(new long[3][3], names);

        ConfusionMatrixPicture.Layout l = ConfusionMatrixPicture.layout(names);
        int grid = 3 * l.cell();
        assertThat(inkPixels(img, 0, l.gridY(), l.gridX() - 2, l.gridY() + grid)).isGreaterThan(50);
        assertThat(inkPixels(img, l.gridX(), l.gridY() + grid + 2, l.gridX() + grid, img.getHeight())).isGreaterThan(50);
    }

    @Test
    void largeMatricesDropTheCountsAndKeepCellsUniform() {
        int n = 50;
        long[][] counts = new long[n][n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            counts[i][i] = 1_000_000;
            names.add("class " + i);
        }

        BufferedImage img = ConfusionMatrixPicture.render(counts, names);

        ConfusionMatrixPicture.Layout l = ConfusionMatrixPicture.layout(names);
        assertThat(coloursInCell(img, l, 7, 7)).containsOnly(Charts.blues(1.0));
    }

    @Test
    void pictureGrowsWithTheClassesButIsCapped() {
        int previous = 0;
        for (int n : new int[] {2, 5, 10}) {
            int width = ConfusionMatrixPicture.render(new long[n][n], names(n)).getWidth();
            assertThat(width).as("%d classes", n).isGreaterThan(previous);
            previous = width;
        }
        for (int n : new int[] {50, 120, 400}) {
            BufferedImage img = ConfusionMatrixPicture.render(new long[n][n], names(n));
            assertThat(img.getWidth()).as("%d classes", n).isLessThanOrEqualTo(800);
            assertThat(img.getHeight()).as("%d classes", n).isLessThanOrEqualTo(800);
        }
        List<String> longNames = List.of("x".repeat(500), "y");
        assertThat(ConfusionMatrixPicture.render(new long[2][2], longNames).getWidth()).isLessThanOrEqualTo(800);
    }

    @Test
    void invalidMatricesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> ConfusionMatrixPicture.render(new long[][] {{1, 2}, {3}}, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("square").hasMessageContaining("row 1 has 1 entries, expected 2");
        assertThatThrownBy(() -> ConfusionMatrixPicture.render(new long[][] {{1, 2, 3}, {4, 5, 6}}, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("square");
        assertThatThrownBy(() -> ConfusionMatrixPicture.render(new long[][] {{1, -2}, {3, 4}}, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counts[0][1] is negative: -2");
        assertThatThrownBy(() -> ConfusionMatrixPicture.render(new long[2][2], List.of("a", "b", "c")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classNames has 3 names but counts is 2x2");
        assertThatThrownBy(() -> ConfusionMatrixPicture.render(new long[0][0], List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    /** A pixel near the cell's top-left corner: inside the cell, clear of the grid line and the count. */
    private static int cell(BufferedImage img, ConfusionMatrixPicture.Layout l, int row, int column) {
        return img.getRGB(l.gridX() + column * l.cell() + 3, l.gridY() + row * l.cell() + 3) & 0xFFFFFF;
    }

    /** Colours inside a cell, leaving out its first row and column, where grid lines run. */
    private static Set<Integer> coloursInCell(BufferedImage img, ConfusionMatrixPicture.Layout l, int row, int column) {
        Set<Integer> out = new HashSet<>();
        for (int y = l.gridY() + row * l.cell() + 1; y < l.gridY() + (row + 1) * l.cell(); y++) {
            for (int x = l.gridX() + column * l.cell() + 1; x < l.gridX() + (column + 1) * l.cell(); x++) {
                out.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return out;
    }

    static int inkPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                n += brightness(img.getRGB(x, y) & 0xFFFFFF) < 3 * 128 ? 1 : 0;
            }
        }
        return n;
    }

    static int brightness(int rgb) {
        return (rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF);
    }

    private static List<String> names(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("class " + i);
        }
        return out;
    }
}
