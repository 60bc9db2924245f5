package dev.hearsay.authz;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads a policy from a YAML file (schema in POLICY.md). The only I/O in the module. A file that
 * cannot be used gives one {@link PolicyException} naming the file, the place and the problem.
 */
public final class PolicyLoader {
  /** Policies are small; anything larger is a mistake (or an attack on the parser). */
  public static final int MAX_BYTES = 256 * 1024;

  private PolicyLoader() {}

  /** Reads and checks {@code file}; the exception names the file as given. */
  public static Policy load(Path file) throws PolicyException {
    String name = file.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new PolicyException(name, null, "", "larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PolicyException(name, null, "", "no such file");
    } catch (IOException e) {
      throw new PolicyException(name, null, "", "cannot read: " + e);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new PolicyException(name, null, "", "not UTF-8 text");
    }
    return parse(text, name);
  }

  /** The policy in {@code file} when one is configured, otherwise {@link Policy#defaults()}. */
  public static Policy loadOrDefaults(Optional<Path> file) throws PolicyException {
    return file.isPresent() ? load(file.get()) : Policy.defaults();
  }

  /** Reads and checks a policy given as text; {@code sourceName} stands for the file in errors. */
  public static Policy parse(String yaml, String sourceName) throws PolicyException {
    if (yaml.length() > MAX_BYTES) {
      throw new PolicyException(sourceName, null, "", "larger than " + MAX_BYTES + " bytes");
    }
    YamlNode root = new YamlDocumentReader(sourceName).read(yaml);
    return new PolicyReader(sourceName).read(root);
  }
}
