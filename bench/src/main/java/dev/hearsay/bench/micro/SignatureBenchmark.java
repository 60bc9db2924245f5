package dev.hearsay.bench.micro;

import dev.hearsay.bench.BenchPki;
import dev.hearsay.crypto.ClaimSigner;
import dev.hearsay.crypto.ClaimVerifier;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.SigningContext;
import dev.hearsay.overlay.claims.ClaimAuthenticator;
import dev.hearsay.overlay.claims.ClaimVerdict;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.wire.ClaimCodec;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Claim signatures: ECDSA P-256 sign and verify (BouncyCastle) over an ALIVE's canonical bytes, and
 * the authenticator's path for a claim it has verified before (trust check of the signer's
 * certificate, SHA-256 cache key, cache hit; no ECDSA).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBenchmark {
  ClaimSigner signer;
  SigningContext context;
  byte[] payload;
  byte[] signature;
  X509Certificate certificate;
  ClaimAuthenticator authenticator;
  Alive verifiedAlive;

  @Setup
  public void setup() {
    BenchPki pki = new BenchPki();
    Credentials node = pki.node("t0", "signer");
    verifiedAlive = Fixtures.alive(node, 7, 7001);
    signer = new ClaimSigner(node.keyMaterial().privateKey());
    context = SigningContext.of(BenchPki.DOMAIN, ClaimCodec.kindLabel(verifiedAlive));
    payload = ClaimCodec.signedBytes(verifiedAlive);
    signature = signer.sign(context, payload);
    certificate = node.keyMaterial().certificate();
    if (!ClaimVerifier.verify(certificate, context, payload, signature)) {
      throw new IllegalStateException("fixture signature does not verify");
    }
    authenticator = Fixtures.authenticator(pki);
    if (!authenticator.authenticate(verifiedAlive).accepted()) {
      throw new IllegalStateException("fixture claim rejected: " + authenticator.authenticate(verifiedAlive));
    }
  }

  @Benchmark
  public byte[] sign() {
    return signer.sign(context, payload);
  }

  @Benchmark
  public boolean verify() {
    return ClaimVerifier.verify(certificate, context, payload, signature);
  }

  @Benchmark
  public ClaimVerdict verifyCacheHit() {
    return authenticator.authenticate(verifiedAlive);
  }
}
