package io.lakeforge.datalake;

/**
 * Where every table and artifact lives under a lake root (any Hadoop URI: a local folder, s3a://).
 * The one place that spells the lake's paths; dataset and model names are checked against {@link
 * Names} here too, so no caller can build a path outside the lake from a name.
 */
public final class LakeLayout {
  private final String root;
  private final String modelsRoot;

  public LakeLayout(String root, String modelsRoot) {
    this.root = stripSlash(root);
    this.modelsRoot =
        modelsRoot == null || modelsRoot.isBlank() ? this.root + "/models" : stripSlash(modelsRoot);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }

  public String root() {
    return root;
  }

  /** A table by its lake-relative name, such as {@code features/mnist}. */
  public String table(String relative) {
    return root + "/" + relative;
  }

  public String raw(String dataset) {
    return table("raw/" + Names.requireDataset(dataset));
  }

  public String curated(String dataset) {
    return table("curated/" + Names.requireDataset(dataset));
  }

  public String quarantine(String dataset) {
    return table("quarantine/" + Names.requireDataset(dataset));
  }

  public String features(String dataset) {
    return table("features/" + Names.requireDataset(dataset));
  }

  public String predictions(String modelName) {
    return table("predictions/" + Names.requireModel(modelName));
  }

  public String registryModels() {
    return table("registry/models");
  }

  public String registryAliases() {
    return table("registry/aliases");
  }

  /** The trials of every tuning job, one row per trial. */
  public String registryTuning() {
    return table("registry/tuning");
  }

  public String modelsRoot() {
    return modelsRoot;
  }

  /** Where a tuning job's report goes (beside the models' reports, named by the tuning id). */
  public String tuningReport(String tuningId) {
    return root + "/reports/tuning/" + tuningId;
  }

  public String reports(String modelName, int version) {
    return root + "/reports/" + Names.requireModel(modelName) + "/v" + version;
  }
}
