package dev.hearsay.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The node's YAML configuration file: every flag of {@code node run} plus tuning. Flags override
 * the file; tuning values override the chosen profile. Unknown keys are errors, so a typo never
 * silently falls back to a default.
 *
 * <pre>
 * cert-dir: ./pki/n1
 * bind: 127.0.0.1:7001
 * advertise: 10.0.0.5:7001     # what other nodes dial, when it differs from bind
 * admin: 127.0.0.1:8001
 * seeds: [127.0.0.1:7002, 127.0.0.1:7003]
 * data-dir: ./data/n1
 * meta: {zone: eu-1}            # private: nodes of this node's tenant only
 * meta-shared: {region: eu}      # also other tenants, when this tenant's membership is shared
 * profile: lan            # lan | wan | local
 * policy: ./policy.yaml   # who may claim what, the DEAD quorum, rate limits (defaults when absent)
 * registry: https://127.0.0.1:9443   # seed registry to follow for revocations
 * registry-max-staleness: 5m
 * registry-policy: open   # open | closed: what to do while the registry head is stale
 * register-seed: true     # list this node in the registry's seed list (default true with a registry)
 * tuning:
 *   probe-interval: 1s
 *   probe-timeout: 500ms
 *   gossip-interval: 200ms
 *   fanout: 3
 *   push-pull-interval: 30s
 *   indirect-checks: 3
 *   suspicion-mult: 0.5
 *   quorum: 2
 * </pre>
 */
record NodeFileConfig(
    @JsonProperty("cert-dir") String certDir,
    @JsonProperty("bind") String bind,
    @JsonProperty("advertise") String advertise,
    @JsonProperty("admin") String admin,
    @JsonProperty("seeds") List<String> seeds,
    @JsonProperty("data-dir") String dataDir,
    @JsonProperty("meta") Map<String, String> meta,
    @JsonProperty("meta-shared") Map<String, String> metaShared,
    @JsonProperty("profile") String profile,
    @JsonProperty("tuning") Tuning tuning,
    @JsonProperty("registry") String registry,
    @JsonProperty("registry-max-staleness") String registryMaxStaleness,
    @JsonProperty("registry-policy") String registryPolicy,
    @JsonProperty("register-seed") Boolean registerSeed,
    @JsonProperty("policy") String policy) {

  record Tuning(
      @JsonProperty("probe-interval") String probeInterval,
      @JsonProperty("probe-timeout") String probeTimeout,
      @JsonProperty("gossip-interval") String gossipInterval,
      @JsonProperty("fanout") Integer fanout,
      @JsonProperty("push-pull-interval") String pushPullInterval,
      @JsonProperty("indirect-checks") Integer indirectChecks,
      @JsonProperty("suspicion-mult") Double suspicionMult,
      @JsonProperty("quorum") Integer quorum) {}

  static final NodeFileConfig EMPTY = new NodeFileConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Where the offending token starts (the parser's own location is already past it). */
  private static String where(JsonProcessingException e) {
    JsonLocation at = e.getProcessor() instanceof JsonParser p ? p.currentTokenLocation() : e.getLocation();
    return at == null || at.getLineNr() < 0 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
  }

  /**
   * The line of an unknown key: the YAML parser reports where it stopped (often the end of the
   * file), so the key is looked up in the text; the parser's place is the fallback.
   */
  private static String keyLocation(Path file, String key, String fallback) {
    try {
      java.util.regex.Pattern p = java.util.regex.Pattern.compile("^(\\s*-?\\s*)" + java.util.regex.Pattern.quote(key) + "\\s*:");
      List<String> lines = java.nio.file.Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        java.util.regex.Matcher m = p.matcher(lines.get(i));
        if (m.find()) {
          return ":" + (i + 1) + ":" + (m.group(1).length() + 1);
        }
      }
    } catch (IOException e) {
      // keep the parser's location
    }
    return fallback;
  }

  /** The YAML path of the offending key, e.g. {@code tuning.probe-interval}. */
  private static String path(JsonMappingException e) {
    return String.join(".", e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]").toList());
  }

  /** Reads the file; a problem becomes one line naming the file, line and column. */
  static NodeFileConfig load(Path file) throws IOException {
    try {
      NodeFileConfig c = YAML.readValue(file.toFile(), NodeFileConfig.class);
      return c == null ? EMPTY : c;
    } catch (UnrecognizedPropertyException e) {
      throw new ExitCodes.InvalidInputException(file + keyLocation(file, String.valueOf(e.getPropertyName()), where(e))
          + ": unknown key '" + path(e) + "' (expected one of: "
          + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")");
    } catch (JsonMappingException e) {
      throw new ExitCodes.InvalidInputException(file + where(e) + ": " + path(e) + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ExitCodes.InvalidInputException(file + where(e) + ": " + e.getOriginalMessage());
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      throw new ExitCodes.InvalidInputException("config file not found: " + file);
    }
  }
}
