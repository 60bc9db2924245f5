package dev.hearsay.authz;

import java.util.Objects;
import java.util.Optional;

/**
 * A policy file that cannot be used, with one message naming the file, the place and the problem,
 * e.g. {@code policy.yaml:12:9: accusers.mode: unknown value 'everyone' (expected one of: same-tenant,
 * any-member, monitors)}. A node that meets one at start prints {@link #getMessage()} and exits with
 * status {@link #EXIT_STATUS}.
 */
public final class PolicyException extends Exception {
  /** The exit status of a node that cannot start because of its policy file. */
  public static final int EXIT_STATUS = 2;

  private static final long serialVersionUID = 1L;

  private final String file;
  private final transient SourcePosition location;
  private final String path;
  private final String problem;

  PolicyException(String file, SourcePosition location, String path, String problem) {
    super(format(file, location, path, problem));
    this.file = Objects.requireNonNull(file, "file");
    this.location = location;
    this.path = path == null ? "" : path;
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  private static String format(String file, SourcePosition location, String path, String problem) {
    StringBuilder s = new StringBuilder(file);
    if (location != null) {
      s.append(':').append(location);
    }
    s.append(": ");
    if (path != null && !path.isEmpty()) {
      s.append(path).append(": ");
    }
    return s.append(problem).toString();
  }

  /** The file as it was named to the loader (or the source name given with a string). */
  public String file() {
    return file;
  }

  /** Where in the file, when the problem has a place (not for a file that cannot be read). */
  public Optional<SourcePosition> location() {
    return Optional.ofNullable(location);
  }

  /** The YAML path of the offending key or value, e.g. {@code tenants[1].name}; empty for the whole file. */
  public String path() {
    return path;
  }

  /** What is wrong, without the file and place. */
  public String problem() {
    return problem;
  }
}
