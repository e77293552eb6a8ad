package io.lakeforge.jobs.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders a clustering of images as a PNG montage: one strip per cluster showing sample images
 * assigned to it, each source pixel a block of grey from white paper (0) to black ink (1).
 *
 * <p>The picture is pixels only, no text: a block of the cluster's colour at the left of each strip
 * identifies it, and {@link #clusterRgb(int)} gives the HTML report the same colour for the swatch
 * next to the cluster number. Writing pixels directly needs no fonts and no display.
 */
public final class ClusterGallery {

  /** Horizontal gap between the marker and the images, and between images. */
  static final int GAP = 2;

  /** Vertical gap between strips. */
  static final int ROW_GAP = 4;

  /** Border around the whole picture, so the first and last strips are not flush with the edge. */
  static final int PADDING = 4;

  /**
   * Light grey rather than white, so that white image "paper" stands out from the gaps and an empty
   * strip is visibly empty.
   */
  static final int BACKGROUND = 0xE6E6E6;

  private static final double GOLDEN = 0.6180339887498949;
  private static final int[] TAB10 = {
    0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD,
    0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
  };
  private static final float[] SATURATION = {0.85f, 0.55f, 0.95f};
  private static final float[] BRIGHTNESS = {0.85f, 0.70f, 0.55f};

  private ClusterGallery() {}

  /**
   * Draws one strip per row, in the order given: a colour block identifying the cluster, then up to
   * {@code maxPerRow} images scaled {@code scale}× (nearest neighbour), dark ink on white.
   *
   * <p>The width fits the fullest strip (capped at {@code maxPerRow}), so a run whose clusters all
   * have few samples does not produce a mostly empty picture.
   *
   * @param rows strips, top to bottom
   * @param side images are {@code side × side}
   * @param scale each source pixel becomes a {@code scale × scale} block
   * @param maxPerRow most images drawn per strip; extra images are ignored
   * @throws IllegalArgumentException if an image does not have {@code side * side} values or an
   *     argument is out of range
   */
  public static BufferedImage render(List<ClusterRow> rows, int side, int scale, int maxPerRow) {
    Objects.requireNonNull(rows, "rows");
    if (side <= 0 || scale <= 0) {
      throw new IllegalArgumentException(
          "side and scale must be positive: side=" + side + ", scale=" + scale);
    }
    if (maxPerRow < 0) {
      throw new IllegalArgumentException("maxPerRow must not be negative: " + maxPerRow);
    }
    int cell = checkedInt((long) side * scale, "side * scale");
    int marker = markerWidth(cell);
    int columns = 0;
    for (ClusterRow row : rows) {
      Objects.requireNonNull(row, "rows contains null");
      columns = Math.max(columns, Math.min(maxPerRow, row.images().size()));
    }
    int n = rows.size();
    int width = checkedInt(2L * PADDING + marker + (long) columns * (GAP + cell), "image width");
    int height =
        checkedInt(
            2L * PADDING + (long) n * cell + (long) Math.max(0, n - 1) * ROW_GAP, "image height");
    checkedInt((long) width * height, "pixel count");

    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    fill(img, 0, 0, width, height, BACKGROUND);
    for (int r = 0; r < n; r++) {
      ClusterRow row = rows.get(r);
      int y = PADDING + r * (cell + ROW_GAP);
      fill(img, PADDING, y, marker, cell, clusterRgb(row.cluster()));
      int count = Math.min(maxPerRow, row.images().size());
      for (int i = 0; i < count; i++) {
        int x = PADDING + marker + GAP + i * (cell + GAP);
        drawDigit(img, row.images().get(i), side, scale, x, y, row.cluster(), i);
      }
    }
    return img;
  }

  /**
   * The RGB colour ({@code 0xRRGGBB}) of cluster {@code cluster}'s marker block. The first ten are
   * matplotlib's "tab10" palette, designed to be told apart and familiar from notebook plots;
   * beyond that hues step by the golden ratio so consecutive indices never look alike, with
   * saturation and brightness cycling so that close hues still differ.
   */
  public static int clusterRgb(int cluster) {
    if (cluster >= 0 && cluster < TAB10.length) {
      return TAB10[cluster];
    }
    double hue = cluster * GOLDEN;
    hue -= Math.floor(hue);
    int band = Math.floorMod(cluster, 3);
    return Color.HSBtoRGB((float) hue, SATURATION[band], BRIGHTNESS[band]) & 0xFFFFFF;
  }

  /**
   * Writes {@code img} as PNG. The stream is flushed but not closed, so the caller keeps control of
   * e.g. a Hadoop {@code FSDataOutputStream}.
   */
  public static void writePng(BufferedImage img, OutputStream out) throws IOException {
    Objects.requireNonNull(img, "img");
    Objects.requireNonNull(out, "out");
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IOException("no PNG writer available");
    }
    ImageWriter writer = writers.next();
    // A memory cache rather than ImageIO.write's default temp-file cache: executors may have
    // no writable temp dir, and ImageIO.setUseCache would change a JVM-wide setting.
    // Closing this wrapper leaves the caller's stream open.
    try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(img);
      ios.flush();
    } finally {
      writer.dispose();
    }
    out.flush();
  }

  /** Writes {@code img} as PNG to a local file, replacing it. */
  public static void writePng(BufferedImage img, Path out) throws IOException {
    try (OutputStream os = Files.newOutputStream(out)) {
      writePng(img, os);
    }
  }

  /** The PNG encoding of {@code img}, for callers that hand bytes to a filesystem client. */
  public static byte[] pngBytes(BufferedImage img) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      writePng(img, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Marker width for a strip {@code cell} pixels tall: visible without stealing image space. */
  static int markerWidth(int cell) {
    return Math.max(6, cell / 3);
  }

  private static void drawDigit(
      BufferedImage img,
      double[] pixels,
      int side,
      int scale,
      int x0,
      int y0,
      int cluster,
      int index) {
    if (pixels == null || pixels.length != side * side) {
      throw new IllegalArgumentException(
          "cluster "
              + cluster
              + " image "
              + index
              + " has "
              + (pixels == null ? "no" : String.valueOf(pixels.length))
              + " values, expected "
              + side
              + "x"
              + side
              + " = "
              + (side * side)
              + "; features that are not square images need a heatmap of the centers instead");
    }
    // MNIST arrives both as 0..1 and as raw 0..255 bytes; anything above 1 can only be the latter.
    double divisor = 1.0;
    for (double v : pixels) {
      if (v > 1.0) {
        divisor = 255.0;
        break;
      }
    }
    int[] block = new int[scale * scale];
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        double v = pixels[r * side + c] / divisor;
        // NaN fails both comparisons and ends up as blank paper rather than spurious ink.
        double t = v > 0.0 ? Math.min(1.0, v) : 0.0;
        Arrays.fill(block, inkOnPaper(t));
        img.setRGB(x0 + c * scale, y0 + r * scale, scale, scale, block, 0, scale);
      }
    }
  }

  /** Intensity 0 is white paper, 1 is black ink. */
  private static int inkOnPaper(double t) {
    int grey = (int) Math.round(255.0 * (1.0 - t));
    return grey << 16 | grey << 8 | grey;
  }

  /** Pixels written directly: no Graphics2D, so nothing here can reach for fonts or a display. */
  private static void fill(BufferedImage img, int x, int y, int w, int h, int rgb) {
    int[] line = new int[w];
    Arrays.fill(line, rgb);
    for (int row = y; row < y + h; row++) {
      img.setRGB(x, row, w, 1, line, 0, w);
    }
  }

  private static int checkedInt(long value, String what) {
    // BufferedImage needs int dimensions and an int-sized pixel array; fail with a reason
    // instead of an obscure NegativeArraySizeException from AWT.
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " too large: " + value);
    }
    return (int) value;
  }
}
