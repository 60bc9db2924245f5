package dev.hearsay.bench.micro;

import dev.hearsay.bench.BenchPki;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.wire.Envelope;
import dev.hearsay.overlay.wire.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The wire codec on a GOSSIP frame with eight real signed claims (four ALIVE carrying their
 * certificates, four SUSPECT naming the accuser's certificate by fingerprint).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
  Envelope envelope;
  ByteBuf out;
  ByteBuf encoded;
  int frameBytes;

  @Setup
  public void setup() {
    BenchPki pki = new BenchPki();
    envelope = new Envelope(NodeIdentity.node(BenchPki.DOMAIN, "t0", "sender"), new Gossip(Fixtures.eightClaims(pki), true));
    out = Unpooled.buffer(16 * 1024);
    encoded = Unpooled.buffer(16 * 1024);
    MessageCodec.encode(envelope, encoded);
    frameBytes = encoded.readableBytes();
  }

  @Benchmark
  public int encodeGossip8() {
    out.clear();
    MessageCodec.encode(envelope, out);
    return out.writerIndex();
  }

  @Benchmark
  public Envelope decodeGossip8() {
    return MessageCodec.decode(encoded.duplicate());
  }
}
