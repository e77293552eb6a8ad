package io.lakeforge.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeforge.models.kmeans.KMeansModel;
import io.lakeforge.models.linalg.Centers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {
  private final Configuration conf = new Configuration();

  private ModelFolder writeKMeans(Path dir) throws Exception {
    KMeansModel m = new KMeansModel(new Centers(2, 3, new double[] {0, 0, 0, 1, 1, 1}));
    ModelFolder f = new ModelFolder(conf, dir.toString());
    m.writeData(f);
    f.writeManifest(
        new ModelManifest(
            ModelManifest.CURRENT_FORMAT,
            "m",
            "r1",
            m.algorithm(),
            ModelJson.MAPPER.valueToTree(m.section()),
            Map.of("k", 2),
            Map.of("k", 2),
            Map.of("nmi", 0.5),
            new ModelManifest.Training("cost", List.of(3.0, 2.0), Map.of(), 10L),
            null,
            Map.of(),
            "2026-12-02T00:00:00Z",
            null));
    return f;
  }

  /** Edits model.json as a person would (Hadoop's checksum file would call it corrupt). */
  private static void edit(Path dir, java.util.function.UnaryOperator<String> change)
      throws Exception {
    Path manifest = dir.resolve(ModelFolder.MANIFEST);
    Files.writeString(manifest, change.apply(Files.readString(manifest)));
    Files.deleteIfExists(dir.resolve("." + ModelFolder.MANIFEST + ".crc"));
  }

  @Test
  void aFolderAloneLoadsItsModelAndScores(@TempDir Path dir) throws Exception {
    writeKMeans(dir);
    Model back = ModelFormats.read(new ModelFolder(conf, dir.toString()));
    assertThat(back).isInstanceOf(KMeansModel.class);
    Scores s = back.newScores(2);
    back.score(new double[] {0.1, 0, 0, 0.9, 1, 1.2}, 2, s);
    assertThat(s.ints(0)).containsExactly(0, 1);
    assertThat(s.doubles(1)[0]).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    ModelManifest m = new ModelFolder(conf, dir.toString()).manifest();
    assertThat(m.training().costHistory()).containsExactly(3.0, 2.0);
    assertThat(m.metrics()).containsEntry("nmi", 0.5);
  }

  @Test
  void aNewerMajorFormatIsRefusedWithOneLine(@TempDir Path dir) throws Exception {
    writeKMeans(dir);
    edit(dir, t -> t.replace("\"2.0\"", "\"3.1\""));
    assertThatThrownBy(() -> ModelFormats.read(new ModelFolder(conf, dir.toString())))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("format_version 3.1, newer than this Lakeforge reads (2.x)")
        .hasMessageNotContaining("\n");
  }

  @Test
  void formatOneFoldersWithTheirNumericVersionAndLineageSpecStillLoad(@TempDir Path dir)
      throws Exception {
    writeKMeans(dir);
    edit(
        dir,
        t ->
            t.replace("\"format_version\" : \"2.0\"", "\"format_version\" : 1")
                .replace(
                    "\"lineage\" : { }",
                    "\"lineage\" : {\"feature_spec\": {\"dataset\": \"d\", "
                        + "\"scaling\": \"none\", \"divisor\": 1.0, \"dim\": 3, \"validation_fraction\": 0.2,"
                        + " \"split_seed\": 7, \"future_field\": 1}}"));
    ModelFolder f = new ModelFolder(conf, dir.toString());
    assertThat(f.manifest().majorVersion()).isEqualTo(1);
    assertThat(f.manifest().featureSpecOrLineage().dim()).isEqualTo(3);
    assertThat(ModelFormats.read(f).featureDim()).isEqualTo(3);
  }

  @Test
  void aManifestThatContradictsItsDataIsRefused(@TempDir Path dir) throws Exception {
    writeKMeans(dir);
    edit(dir, t -> t.replace("\"k\" : 2,\n    \"feature_dim\"", "\"k\" : 5,\n    \"feature_dim\""));
    assertThatThrownBy(() -> ModelFormats.read(new ModelFolder(conf, dir.toString())))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("holds 2 centers of dimension 3; model.json says k=5");
  }

  @Test
  void malformedOrMissingManifestsAreNamed(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> new ModelFolder(conf, dir.toString()).manifest())
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("model.json does not exist");
    Files.writeString(dir.resolve(ModelFolder.MANIFEST), "{ not json");
    assertThatThrownBy(() -> new ModelFolder(conf, dir.toString()).manifest())
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("not a valid model manifest");
    Files.writeString(
        dir.resolve(ModelFolder.MANIFEST),
        "{\"algorithm\": \"nosuch\", " + "\"model\": {}, \"format_version\": \"2.0\"}");
    assertThatThrownBy(() -> ModelFormats.read(new ModelFolder(conf, dir.toString())))
        .hasMessageContaining("no model format for algorithm 'nosuch'")
        .hasMessageContaining("kmeans, knn, linear-learner, pca");
  }

  @Test
  void anExistingManifestIsNeverReplaced(@TempDir Path dir) throws Exception {
    ModelFolder f = writeKMeans(dir);
    assertThatThrownBy(() -> f.writeManifest(f.manifest())).hasMessageContaining("model.json");
  }
}
