package io.lakeforge.serving;

/**
 * Which registered version the endpoint serves: a fixed {@code version}, or an {@code alias}
 * ({@code latest} or a name such as {@code production}) that is re-resolved while serving. The
 * command line parses {@code NAME@REF} with the registry's own parser and hands the parts here, so
 * both read a reference the same way.
 */
public record ModelTarget(String name, Integer version, String alias) {
  public static final String LATEST = "latest";

  public ModelTarget {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a model name is required");
    }
    if ((version == null) == (alias == null)) {
      throw new IllegalArgumentException("exactly one of version and alias is required");
    }
  }

  /** Whether the target can move: an alias, {@code latest} included. */
  public boolean follows() {
    return alias != null;
  }

  @Override
  public String toString() {
    return name + "@" + (version != null ? version.toString() : alias);
  }
}
