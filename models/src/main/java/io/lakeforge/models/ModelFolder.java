package io.lakeforge.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lakeforge.models.parquet.ModelTable;
import io.lakeforge.models.parquet.ParquetTables;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A model's folder on any Hadoop filesystem (local, s3a, ...): {@code model.json} and one Parquet
 * table per piece of model data. The folder alone is enough to load the model.
 */
public final class ModelFolder {
  public static final String MANIFEST = "model.json";

  private final Configuration conf;
  private final String uri;
  private ModelManifest manifest;

  public ModelFolder(Configuration conf, String uri) {
    this.conf = conf;
    this.uri = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  public String uri() {
    return uri;
  }

  public Configuration conf() {
    return conf;
  }

  /** The manifest, read once; a newer major format version is refused. */
  public synchronized ModelManifest manifest() throws IOException {
    if (manifest == null) {
      manifest = parse(readText(MANIFEST));
    }
    return manifest;
  }

  private ModelManifest parse(String text) {
    ModelManifest m;
    try {
      m = ModelJson.MAPPER.readValue(text, ModelManifest.class);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(
          uri + "/" + MANIFEST + " is not a valid model manifest: " + e.getOriginalMessage(), e);
    }
    if (m.algorithm() == null || m.model() == null) {
      throw new ModelFormatException(
          uri
              + "/"
              + MANIFEST
              + " has no algorithm or model section; expected a Lakeforge "
              + "model manifest");
    }
    if (m.majorVersion() > ModelManifest.MAX_MAJOR) {
      throw new ModelFormatException(
          String.format(
              "%s/%s has format_version %s, newer than this Lakeforge reads (%d.x): upgrade "
                  + "Lakeforge to load it",
              uri, MANIFEST, m.formatVersion(), ModelManifest.MAX_MAJOR));
    }
    return m;
  }

  /** The algorithm's {@code model} section bound to its record type. */
  public <T> T section(Class<T> type) throws IOException {
    try {
      return ModelJson.MAPPER.treeToValue(manifest().model(), type);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(
          uri
              + "/"
              + MANIFEST
              + ": the model section does not fit "
              + manifest().algorithm()
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  public ModelTable readTable(String name) throws IOException {
    return ParquetTables.read(conf, uri + "/" + name);
  }

  public void writeTable(String name, ModelTable table) throws IOException {
    ParquetTables.write(conf, uri + "/" + name, table);
  }

  /** Writes a file of the model's own format (e.g. a library's model file) into the folder. */
  public void writeBytes(String name, byte[] data) throws IOException {
    Path p = new Path(uri, name);
    try (OutputStream out = p.getFileSystem(conf).create(p, false)) {
      out.write(data);
    }
  }

  /** Reads a file {@link #writeBytes} wrote. */
  public byte[] readBytes(String name) throws IOException {
    Path p = new Path(uri, name);
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return in.readAllBytes();
    } catch (FileNotFoundException e) {
      throw new ModelFormatException(p + " does not exist; the model folder is incomplete", e);
    }
  }

  /** Writes {@code model.json}; an existing manifest is never replaced. */
  public void writeManifest(ModelManifest m) throws IOException {
    Path p = new Path(uri, MANIFEST);
    FileSystem fs = p.getFileSystem(conf);
    try (OutputStream out = fs.create(p, false)) {
      out.write(ModelJson.MAPPER.writeValueAsBytes(m));
    }
    manifest = m;
  }

  public boolean hasManifest() throws IOException {
    Path p = new Path(uri, MANIFEST);
    return p.getFileSystem(conf).exists(p);
  }

  private String readText(String file) throws IOException {
    Path p = new Path(uri, file);
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw new ModelFormatException(p + " does not exist; expected a model folder", e);
    }
  }
}
