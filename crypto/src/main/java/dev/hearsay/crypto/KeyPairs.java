package dev.hearsay.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** Key generation: every hearsay key (CA, node, registry, operator) is ECDSA on P-256. */
public final class KeyPairs {
  public static final String CURVE = "secp256r1";
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyPairs() {}

  public static KeyPair generateP256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate P-256 keys", e);
    }
  }
}
