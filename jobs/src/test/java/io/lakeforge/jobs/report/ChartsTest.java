package io.lakeforge.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void aFontFailureSwitchesTextOffInsteadOfFailingThePicture() {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.canvas(img);
        Charts.Pen pen = new Charts.Pen(g);
        boolean[] ranAfterFailure = {false};

        pen.guard(() -> {
            throw new InternalError("Fontconfig head is null, check your fonts or fonts configuration");
        });
        pen.guard(() -> ranAfterFailure[0] = true);
        pen.text("42", 20, 10, 0, 12f, 0x000000, false);

        assertThat(pen.broken()).isTrue();
        assertThat(ranAfterFailure[0]).isFalse();
        assertThat(pen.width("abcd", 10f)).isEqualTo(4 * 10 * Charts.CHAR_WIDTH);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 20; y++) {
                assertThat(img.getRGB(x, y) & 0xFFFFFF).isEqualTo(Charts.BACKGROUND);
            }
        }
        g.dispose();
    }

    @Test
    void outOfMemoryIsNotMistakenForMissingFonts() {
        Charts.Pen pen = new Charts.Pen(Charts.canvas(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)));

        assertThatThrownBy(() -> pen.guard(() -> {
            throw new OutOfMemoryError("test");
        })).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void ticksUseOneTwoFiveStepsAndOnlyTheDecimalsTheyNeed() {
        assertThat(Charts.niceStep(1.0, 5)).isEqualTo(0.2);
        assertThat(Charts.niceStep(370.0, 5)).isEqualTo(100.0);
        assertThat(Charts.niceStep(0.07, 5)).isEqualTo(0.02, offset(1e-15));
        assertThat(Charts.tickLabel(3 * 0.2, 0.2)).isEqualTo("0.6");
        assertThat(Charts.tickLabel(-1e-17, 0.2)).isEqualTo("0");
        assertThat(Charts.tickLabel(200, 100)).isEqualTo("200");
        assertThat(Charts.tickLabel(2e7, 5e6)).isEqualTo("2e+07");
    }

    @Test
    void longTextIsShortenedWithAnEllipsis() {
        Charts.Pen pen = new Charts.Pen(Charts.canvas(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)));

        String fitted = pen.fit("a rather long class name", 10f, 40);

        assertThat(fitted).endsWith("\u2026").hasSizeLessThan("a rather long class name".length());
        assertThat(pen.width(fitted, 10f)).isLessThanOrEqualTo(40);
        assertThat(pen.fit("ok", 10f, 40)).isEqualTo("ok");
    }

    /** Whether this JVM can draw text; tests of drawn labels are skipped where it cannot. */
    static boolean fontsWork() {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.canvas(img);
        try {
            Charts.Pen pen = new Charts.Pen(g);
            pen.text("8", 20, 10, 0, 14f, 0x000000, false);
            return !pen.broken();
        } finally {
            g.dispose();
        }
    }
}
