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
 * The image every container of the suite runs: the project's own {@code hearsay.jar} on a jlink'd
 * runtime, built locally by {@code image/build-image.sh} (no registry is reachable). It is tagged by a
 * hash of the jar's content (entry names and bytes, not its timestamps, so a rebuild of unchanged
 * sources reuses the image); the base runtime is tagged by the JDK and the script.
 */
final class ChaosImage {
  static final String REPOSITORY = "hearsay-chaos";
  private static final long BUILD_TIMEOUT_MINUTES = 5;
  private static String built;

  private ChaosImage() {}

  /** The image's name, building it first if it is missing. */
  static synchronized String name() throws Exception {
    if (built != null) {
      return built;
    }
    Path jar = Path.of(System.getProperty("hearsay.jar", "../cli/target/hearsay.jar")).toAbsolutePath().normalize();
    Path script = Path.of(System.getProperty("hearsay.image.script", "image/build-image.sh")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no runnable jar at " + jar + "; build the cli module first (mvn package)");
    }
    String image = REPOSITORY + ":" + contentHash(jar).substring(0, 16);
    String base = REPOSITORY + "-base:jdk" + Runtime.version().feature() + "-"
        + sha256(Files.readAllBytes(script)).substring(0, 12);
    long start = System.nanoTime();
    Process p = new ProcessBuilder("bash", script.toString(), jar.toString(), image, base)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("building the image failed:\n" + output);
    }
    System.out.printf("chaos image %s ready in %.1f s%n", image, (System.nanoTime() - start) / 1e9);
    built = image;
    return built;
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
