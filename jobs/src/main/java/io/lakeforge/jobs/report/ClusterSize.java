package io.lakeforge.jobs.report;

/**
 * How many records a clustering assigned to one cluster.
 *
 * @param cluster cluster index; it picks the swatch colour shared with the {@link ClusterGallery}
 * @param records records assigned to it
 */
public record ClusterSize(int cluster, long records) {

  public ClusterSize {
    if (records < 0) {
      throw new IllegalArgumentException(
          "cluster " + cluster + " has a negative record count: " + records);
    }
  }
}
