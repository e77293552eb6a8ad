package io.lakeforge.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusterGalleryTest {

  private static final int SIDE = 4;
  private static final int SCALE = 3;
  private static final int CELL = SIDE * SCALE;

  @BeforeAll
  static void headless() {
    // Reports are rendered on executors and CI boxes without a display.
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void dimensionsFollowFromRowsColumnsCellSizeAndGaps() {
    List<ClusterRow> rows =
        List.of(
            new ClusterRow(0, 10, images(2)),
            new ClusterRow(1, 50, images(5)),
            new ClusterRow(2, 0, List.of()));

    BufferedImage img = ClusterGallery.render(rows, SIDE, SCALE, 4);

    int marker = ClusterGallery.markerWidth(CELL);
    // 4 columns: the fullest strip has 5 images but maxPerRow caps it.
    assertThat(img.getWidth()).isEqualTo(4 + marker + 4 * (2 + CELL) + 4);
    assertThat(img.getHeight()).isEqualTo(4 + 3 * CELL + 2 * 4 + 4);
  }

  @Test
  void widthFitsTheFullestStripWhenBelowMaxPerRow() {
    BufferedImage img =
        ClusterGallery.render(
            List.of(new ClusterRow(0, 3, images(3)), new ClusterRow(1, 1, images(1))),
            SIDE,
            SCALE,
            10);

    assertThat(img.getWidth())
        .isEqualTo(
            2 * ClusterGallery.PADDING
                + ClusterGallery.markerWidth(CELL)
                + 3 * (ClusterGallery.GAP + CELL));
  }

  @Test
  void gapsAreTwoPixelsBetweenImagesAndFourBetweenRows() {
    BufferedImage img =
        ClusterGallery.render(
            List.of(new ClusterRow(0, 2, images(2)), new ClusterRow(1, 2, images(2))),
            SIDE,
            SCALE,
            2);
    int firstX = imageX(0);
    int secondX = imageX(1);
    int secondRowY = rowY(1);

    // All-zero images are white paper, so any background pixel inside the layout is a gap.
    assertThat(secondX - (firstX + CELL)).isEqualTo(2);
    assertThat(rgb(img, firstX + CELL, rowY(0))).isEqualTo(ClusterGallery.BACKGROUND);
    assertThat(rgb(img, firstX + CELL + 1, rowY(0))).isEqualTo(ClusterGallery.BACKGROUND);
    assertThat(rgb(img, secondX, rowY(0))).isEqualTo(0xFFFFFF);
    assertThat(secondRowY - (rowY(0) + CELL)).isEqualTo(4);
    for (int y = rowY(0) + CELL; y < secondRowY; y++) {
      assertThat(rgb(img, firstX, y)).isEqualTo(ClusterGallery.BACKGROUND);
    }
    assertThat(rgb(img, firstX, secondRowY)).isEqualTo(0xFFFFFF);
  }

  @Test
  void fullIntensityIsDarkInkAndZeroIsWhitePaperScaledNearestNeighbour() {
    double[] digit = new double[SIDE * SIDE];
    digit[1 * SIDE + 2] = 1.0; // row 1, column 2
    BufferedImage img =
        ClusterGallery.render(List.of(new ClusterRow(0, 1, List.of(digit))), SIDE, SCALE, 1);

    int x0 = imageX(0);
    int y0 = rowY(0);
    for (int dy = 0; dy < SCALE; dy++) {
      for (int dx = 0; dx < SCALE; dx++) {
        assertThat(rgb(img, x0 + 2 * SCALE + dx, y0 + 1 * SCALE + dy)).isEqualTo(0x000000);
      }
    }
    assertThat(rgb(img, x0 + 2 * SCALE - 1, y0 + SCALE)).isEqualTo(0xFFFFFF);
    assertThat(rgb(img, x0 + 3 * SCALE, y0 + SCALE)).isEqualTo(0xFFFFFF);
    assertThat(rgb(img, x0, y0)).isEqualTo(0xFFFFFF);
  }

  @Test
  void zeroTo255InputIsNormalisedLikeZeroToOne() {
    double[] unit = new double[SIDE * SIDE];
    double[] bytes = new double[SIDE * SIDE];
    for (int i = 0; i < unit.length; i++) {
      bytes[i] = (i * 17) % 256;
      unit[i] = bytes[i] / 255.0;
    }
    BufferedImage fromUnit =
        ClusterGallery.render(List.of(new ClusterRow(0, 1, List.of(unit))), SIDE, SCALE, 1);
    BufferedImage fromBytes =
        ClusterGallery.render(List.of(new ClusterRow(0, 1, List.of(bytes))), SIDE, SCALE, 1);

    assertThat(pixels(fromBytes)).containsExactly(pixels(fromUnit));
    // Pin one mid grey directly as well: 136 of 255 is ink 0.533, i.e. paper grey 255 - 136.
    int idx = 8; // bytes[8] = 136
    int x = imageX(0) + (idx % SIDE) * SCALE;
    int y = rowY(0) + (idx / SIDE) * SCALE;
    assertThat(rgb(fromBytes, x, y) & 0xFF).isEqualTo(255 - 136);
  }

  @Test
  void outOfRangeValuesAreClamped() {
    double[] digit = new double[SIDE * SIDE];
    digit[0] = -0.5;
    digit[1] = Double.NaN;
    digit[2] = 1.0;
    BufferedImage img =
        ClusterGallery.render(List.of(new ClusterRow(0, 1, List.of(digit))), SIDE, SCALE, 1);

    assertThat(rgb(img, imageX(0), rowY(0))).isEqualTo(0xFFFFFF);
    assertThat(rgb(img, imageX(0) + SCALE, rowY(0))).isEqualTo(0xFFFFFF);
    assertThat(rgb(img, imageX(0) + 2 * SCALE, rowY(0))).isEqualTo(0x000000);
  }

  @Test
  void markerColourIdentifiesTheClusterNotTheRowPosition() {
    List<ClusterRow> rows = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      rows.add(new ClusterRow(c, 1, List.of()));
    }
    Collections.reverse(rows);
    BufferedImage img = ClusterGallery.render(rows, SIDE, SCALE, 3);

    Set<Integer> colours = new HashSet<>();
    for (int r = 0; r < rows.size(); r++) {
      int colour = rgb(img, ClusterGallery.PADDING + 1, rowY(r) + CELL / 2);
      assertThat(colour).isEqualTo(ClusterGallery.clusterRgb(rows.get(r).cluster()));
      assertThat(colour).isNotIn(ClusterGallery.BACKGROUND, 0xFFFFFF, 0x000000);
      colours.add(colour);
    }
    assertThat(colours).hasSize(10);
  }

  @Test
  void clusterColoursStayDistinctBeyondTheFirstTen() {
    for (int a = 0; a < 40; a++) {
      for (int b = a + 1; b < 40; b++) {
        assertThat(distance(ClusterGallery.clusterRgb(a), ClusterGallery.clusterRgb(b)))
            .as("clusters %d and %d", a, b)
            .isGreaterThan(0.0);
      }
      // Neighbouring indices are the ones a viewer compares most; they must differ clearly.
      assertThat(distance(ClusterGallery.clusterRgb(a), ClusterGallery.clusterRgb(a + 1)))
          .as("clusters %d and %d", a, a + 1)
          .isGreaterThan(60.0);
    }
  }

  @Test
  void emptyClusterGetsAnEmptyStrip() {
    BufferedImage img =
        ClusterGallery.render(
            List.of(new ClusterRow(0, 2, images(2)), new ClusterRow(5, 0, List.of())),
            SIDE,
            SCALE,
            2);

    assertThat(rgb(img, ClusterGallery.PADDING, rowY(1))).isEqualTo(ClusterGallery.clusterRgb(5));
    for (int x = imageX(0); x < img.getWidth(); x++) {
      for (int y = rowY(1); y < rowY(1) + CELL; y++) {
        assertThat(rgb(img, x, y)).isEqualTo(ClusterGallery.BACKGROUND);
      }
    }
  }

  @Test
  void imagesBeyondMaxPerRowAreNotDrawn() {
    double[] ink = new double[SIDE * SIDE];
    Arrays.fill(ink, 1.0);
    List<double[]> imgs = List.of(new double[SIDE * SIDE], ink);
    BufferedImage img = ClusterGallery.render(List.of(new ClusterRow(0, 2, imgs)), SIDE, SCALE, 1);

    for (int x = imageX(0); x < img.getWidth() - ClusterGallery.PADDING; x++) {
      assertThat(rgb(img, x, rowY(0))).isEqualTo(0xFFFFFF);
    }
  }

  @Test
  void wrongImageLengthIsRejectedWithAHint() {
    List<ClusterRow> rows = List.of(new ClusterRow(3, 1, List.of(new double[SIDE * SIDE + 1])));

    assertThatThrownBy(() -> ClusterGallery.render(rows, SIDE, SCALE, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster 3")
        .hasMessageContaining("heatmap of the centers");
  }

  @Test
  void noRowsStillGivesAValidImage() {
    BufferedImage img = ClusterGallery.render(List.of(), SIDE, SCALE, 4);

    assertThat(img.getWidth()).isPositive();
    assertThat(img.getHeight()).isPositive();
  }

  @Test
  void pngBytesRoundTripThroughImageIo() throws IOException {
    BufferedImage img =
        ClusterGallery.render(
            List.of(new ClusterRow(0, 2, images(2)), new ClusterRow(1, 1, List.of(ring()))),
            SIDE,
            SCALE,
            3);

    byte[] png = ClusterGallery.pngBytes(img);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));

    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(back.getWidth()).isEqualTo(img.getWidth());
    assertThat(back.getHeight()).isEqualTo(img.getHeight());
    assertThat(pixels(back)).containsExactly(pixels(img));
  }

  @Test
  void writePngLeavesTheCallersStreamOpen() throws IOException {
    boolean[] closed = {false};
    ByteArrayOutputStream out =
        new ByteArrayOutputStream() {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    ClusterGallery.writePng(
        ClusterGallery.render(List.of(new ClusterRow(0, 1, images(1))), SIDE, SCALE, 1), out);

    assertThat(closed[0]).isFalse();
    assertThat(ImageIO.read(new ByteArrayInputStream(out.toByteArray()))).isNotNull();
  }

  @Test
  void everyPixelOfAnImageIsItsIntensityAsGreyScaledToABlock() {
    Random rnd = new Random(3);
    double[] digit = new double[SIDE * SIDE];
    for (int i = 0; i < digit.length; i++) {
      digit[i] = rnd.nextDouble();
    }
    double[] other = ring();
    BufferedImage img =
        ClusterGallery.render(List.of(new ClusterRow(4, 2, List.of(digit, other))), SIDE, SCALE, 2);

    for (int image = 0; image < 2; image++) {
      double[] source = image == 0 ? digit : other;
      for (int p = 0; p < source.length; p++) {
        int expected = (int) Math.round(255.0 * (1.0 - source[p]));
        for (int dy = 0; dy < SCALE; dy++) {
          for (int dx = 0; dx < SCALE; dx++) {
            int rgb =
                rgb(
                    img,
                    imageX(image) + (p % SIDE) * SCALE + dx,
                    rowY(0) + (p / SIDE) * SCALE + dy);
            assertThat(rgb)
                .as("image %d pixel %d", image, p)
                .isEqualTo(expected << 16 | expected << 8 | expected);
          }
        }
      }
    }
  }

  @Test
  void drawingCodeUsesNoFontTextOrGraphicsApi() throws IOException {
    // Headless JVMs on minimal images may have no fonts; text APIs then fail at runtime only,
    // so guard against them creeping in by inspecting the compiled constant pool.
    String classFile;
    try (InputStream in = ClusterGallery.class.getResourceAsStream("ClusterGallery.class")) {
      assertThat(in).isNotNull();
      classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    assertThat(classFile)
        .doesNotContain(
            "drawString",
            "drawChars",
            "drawGlyphVector",
            "java/awt/Font",
            "FontMetrics",
            "setFont",
            "getFont",
            "TextLayout",
            "java/awt/Graphics");
  }

  private static int imageX(int column) {
    return ClusterGallery.PADDING
        + ClusterGallery.markerWidth(CELL)
        + ClusterGallery.GAP
        + column * (CELL + ClusterGallery.GAP);
  }

  private static int rowY(int row) {
    return ClusterGallery.PADDING + row * (CELL + ClusterGallery.ROW_GAP);
  }

  private static int rgb(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xFFFFFF;
  }

  private static int[] pixels(BufferedImage img) {
    int[] out = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    for (int i = 0; i < out.length; i++) {
      out[i] &= 0xFFFFFF;
    }
    return out;
  }

  private static List<double[]> images(int n) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new double[SIDE * SIDE]);
    }
    return out;
  }

  private static double[] ring() {
    double[] d = new double[SIDE * SIDE];
    for (int i = 0; i < SIDE; i++) {
      d[i] = 1.0;
      d[(SIDE - 1) * SIDE + i] = 1.0;
      d[i * SIDE] = 1.0;
      d[i * SIDE + SIDE - 1] = 1.0;
    }
    return d;
  }

  private static double distance(int a, int b) {
    int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
    int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
    int db = (a & 0xFF) - (b & 0xFF);
    return Math.sqrt(dr * dr + dg * dg + db * db);
  }
}
