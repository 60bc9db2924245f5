package dev.hearsay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files the CLI writes work with the standard tool: {@code openssl verify}, {@code openssl x509}
 * and a TLS 1.3 mutual handshake between {@code s_server} and {@code s_client}. Skipped only on a
 * machine without openssl, and never when CI is set (CI installs it).
 */
class OpensslInteropTest {
  private static final long TIMEOUT_SECONDS = 20;
  private static final Pattern ACCEPT = Pattern.compile("ACCEPT .*:(\\d+)");

  @TempDir Path dir;
  Path ca;

  @BeforeAll
  static void requireOpenssl() {
    boolean present = run(List.of("openssl", "version")).exitCode() == 0;
    assumeTrue(present || System.getenv("CI") != null, "no openssl binary on this machine");
    assertTrue(present, "CI is set but there is no openssl binary");
  }

  @BeforeEach
  void issue() {
    ca = dir.resolve("ca");
    assertEquals(0, Cli.run("ca", "init", "--domain", "mesh.example.org", "--out", ca.toString()).exitCode());
    for (String n : List.of("n1", "n2")) {
      Cli.Result r = Cli.run("cert", "issue", "--ca", ca.toString(), "--tenant", "blue", "--node", n, "--out", dir.resolve(n).toString());
      assertEquals(0, r.exitCode(), r::toString);
    }
  }

  @Test
  void opensslVerifiesTheChainAndSeesTheUri() {
    Proc verify = run(List.of("openssl", "verify", "-CAfile", ca.resolve("ca.pem").toString(), dir.resolve("n1/cert.pem").toString()));
    assertEquals(0, verify.exitCode(), verify::toString);
    assertTrue(verify.out().contains(": OK"), verify::toString);

    Proc san = run(List.of("openssl", "x509", "-in", dir.resolve("n1/cert.pem").toString(), "-noout", "-ext", "subjectAltName"));
    assertEquals(0, san.exitCode(), san::toString);
    assertTrue(san.out().contains("URI:spiffe://mesh.example.org/tenant/blue/node/n1"), san::toString);
  }

  @Test
  void opensslRejectsACertificateOfAnotherCa() {
    Path other = dir.resolve("other");
    assertEquals(0, Cli.run("ca", "init", "--domain", "mesh.example.org", "--out", other.toString()).exitCode());
    Proc verify = run(List.of("openssl", "verify", "-CAfile", other.resolve("ca.pem").toString(), dir.resolve("n1/cert.pem").toString()));
    assertTrue(verify.exitCode() != 0, verify::toString);
  }

  @Test
  void sServerAndSClientCompleteAMutualTls13Handshake() throws Exception {
    Exchange exchange = handshake(dir.resolve("n2"));
    assertEquals(0, exchange.client().exitCode(), exchange::toString);
    assertTrue(exchange.client().err().contains("Protocol version: TLSv1.3"), exchange::toString);
    assertTrue(exchange.client().err().contains("Verification: OK"), exchange::toString);
    assertTrue(exchange.serverOutput().contains("hello from the client"), exchange::toString);
  }

  @Test
  void sServerRefusesAClientOfAnotherCa() throws Exception {
    Path other = dir.resolve("other");
    assertEquals(0, Cli.run("ca", "init", "--domain", "mesh.example.org", "--out", other.toString()).exitCode());
    assertEquals(0, Cli.run("cert", "issue", "--ca", other.toString(), "--tenant", "blue", "--node", "mallory", "--out", dir.resolve("mallory").toString()).exitCode());

    Exchange exchange = handshake(dir.resolve("mallory"));
    assertFalse(exchange.serverOutput().contains("hello from the client"), exchange::toString);
  }

  private record Exchange(Proc client, String serverOutput) {}

  /** n1 serves (client certificate required and verified); the given directory connects. */
  private Exchange handshake(Path clientDir) throws Exception {
    Process server =
        new ProcessBuilder(
                "openssl", "s_server", "-accept", "127.0.0.1:0", "-tls1_3", "-naccept", "1",
                "-cert", dir.resolve("n1/cert.pem").toString(), "-key", dir.resolve("n1/key.pem").toString(),
                "-CAfile", ca.resolve("ca.pem").toString(), "-Verify", "1", "-verify_return_error")
            .redirectErrorStream(true)
            .start();
    try {
      // s_server stops at end of its stdin: keep it open until the exchange is over.
      StringBuilder serverOut = new StringBuilder();
      CompletableFuture<Integer> port = new CompletableFuture<>();
      Thread reader = new Thread(() -> readLines(server.getInputStream(), serverOut, port), "s_server-output");
      reader.setDaemon(true);
      reader.start();
      int p = port.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

      Proc client =
          run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + p, "-tls1_3", "-brief",
                  "-cert", clientDir.resolve("cert.pem").toString(), "-key", clientDir.resolve("key.pem").toString(),
                  "-CAfile", ca.resolve("ca.pem").toString(), "-verify_return_error"),
              "hello from the client\n");
      server.getOutputStream().close();
      assertTrue(server.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "s_server did not exit");
      reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
      synchronized (serverOut) {
        return new Exchange(client, serverOut.toString());
      }
    } finally {
      server.destroyForcibly();
    }
  }

  private static void readLines(InputStream in, StringBuilder into, CompletableFuture<Integer> port) {
    try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (into) {
          into.append(line).append('\n');
        }
        Matcher m = ACCEPT.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new IllegalStateException("s_server exited before listening:\n" + into));
  }

  record Proc(int exitCode, String out, String err) {}

  static Proc run(List<String> command) {
    return run(command, "");
  }

  static Proc run(List<String> command, String stdin) {
    try {
      Path out = Files.createTempFile("openssl", ".out");
      Path err = Files.createTempFile("openssl", ".err");
      try {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return new Proc(-1, Files.readString(out), Files.readString(err) + "\n(timed out)");
        }
        return new Proc(p.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      return new Proc(-1, "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Proc(-1, "", e.toString());
    }
  }
}
