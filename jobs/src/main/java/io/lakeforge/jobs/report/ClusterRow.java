package io.lakeforge.jobs.report;

import java.util.List;

/**
 * One cluster's strip in a {@link ClusterGallery}: the cluster index, how many records the model
 * assigned to it, and a sample of the images that landed there.
 *
 * @param cluster cluster index; it picks the strip's marker colour
 * @param size number of records assigned to the cluster (may exceed {@code images.size()})
 * @param images row-major {@code side × side} intensity arrays; {@code null} means none
 */
public record ClusterRow(int cluster, long size, List<double[]> images) {

  public ClusterRow {
    // Copy the list so a caller reusing its buffer cannot change the strip after the fact;
    // the arrays themselves are not copied because a sample of MNIST images is large.
    images = images == null ? List.of() : List.copyOf(images);
  }
}
