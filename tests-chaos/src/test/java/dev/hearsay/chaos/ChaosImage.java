package dev.hearsay.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The images the suite's containers run: the project's own {@code hearsay.jar} on a jlink'd runtime
 * (nodes and registry), and the adversary program's jar on the same runtime, built locally by
 * {@code image/build-image.sh} (no registry is reachable). Each is tagged by a hash of its jar's
 * content (entry names and bytes, not its timestamps, so a rebuild of unchanged sources reuses the
 * image); the base runtime is tagged by the JDK and the script.
 */
final class ChaosImage {
  static final String REPOSITORY = "hearsay-chaos";
  static final String ADVERSARY_REPOSITORY = "hearsay-chaos-adversary";
  /** Where the adversary's jar sits in its image. */
  static final String ADVERSARY_JAR = "/opt/hearsay/adversary.jar";
  private static final long BUILD_TIMEOUT_MINUTES = 5;
  private static final java.util.Map<String, String> BUILT = new java.util.HashMap<>();

  private ChaosImage() {}

  /** The nodes' and the registry's image, building it first if it is missing. */
  static String name() throws Exception {
    return build(System.getProperty("hearsay.jar", "../cli/target/hearsay.jar"), REPOSITORY, "hearsay.jar",
        "build the cli module first (mvn package)");
  }

  /** The adversary program's image: its own jar on the same runtime, at {@link #ADVERSARY_JAR}. */
  static String adversary() throws Exception {
    return build(System.getProperty("hearsay.adversary.jar", "target/hearsay-adversary.jar"), ADVERSARY_REPOSITORY,
        "adversary.jar", "package the tests-chaos module first (mvn package)");
  }

  private static synchronized String build(String jarPath, String repository, String inImage, String hint) throws Exception {
    String known = BUILT.get(repository);
    if (known != null) {
      return known;
    }
    Path jar = Path.of(jarPath).toAbsolutePath().normalize();
    Path script = Path.of(System.getProperty("hearsay.image.script", "image/build-image.sh")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no runnable jar at " + jar + "; " + hint);
    }
    String image = repository + ":" + contentHash(jar).substring(0, 16);
    String base = REPOSITORY + "-base:jdk" + Runtime.version().feature() + "-"
        + sha256(Files.readAllBytes(script)).substring(0, 12);
    long start = System.nanoTime();
    Process p = new ProcessBuilder("bash", script.toString(), jar.toString(), image, base, inImage)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("building the image failed:\n" + output);
    }
    System.out.printf("chaos image %s ready in %.1f s%n", image, (System.nanoTime() - start) / 1e9);
    BUILT.put(repository, image);
    return image;
  }

  /** SHA-256 over the jar's sorted entry names and contents: stable across rebuilds of the same classes. */
  static String contentHash(Path jar) throws IOException {
    MessageDigest digest = sha256();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<? extends ZipEntry> entries = Collections.list(zip.entries());
      entries.sort((a, b) -> a.getName().compareTo(b.getName()));
      for (ZipEntry e : entries) {
        digest.update(e.getName().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        try (InputStream in = zip.getInputStream(e)) {
          digest.update(in.readAllBytes());
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
