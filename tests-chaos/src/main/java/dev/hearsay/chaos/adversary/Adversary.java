package dev.hearsay.chaos.adversary;

import dev.hearsay.crypto.ClaimSigner;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.KeyMaterial;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.SigningContext;
import dev.hearsay.overlay.claims.SigningProofSource;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.core.Suspect;
import dev.hearsay.overlay.node.Addresses;
import dev.hearsay.overlay.transport.Transport;
import dev.hearsay.overlay.wire.Envelope;
import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.SignedHead;
import io.netty.channel.Channel;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A node with a valid certificate that lies. It signs whatever it likes with its own key (so its
 * lies about others carry the wrong signer), relays genuine claims it has captured at the wrong
 * time, and names whatever sender it likes in its frames. What the honest nodes make of it is for
 * the caller to check.
 */
public final class Adversary implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Credentials credentials;
  private final MemberId self;
  private final SigningProofSource signer;
  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final Transport transport;
  private String advertised = "127.0.0.1:9";
  /** Everything the nodes sent it, oldest first: what it records to replay or to learn from. */
  private final java.util.concurrent.LinkedBlockingDeque<Envelope> heard = new java.util.concurrent.LinkedBlockingDeque<>();

  public Adversary(Credentials credentials) throws Exception {
    this.credentials = credentials;
    this.self = MemberId.parse(credentials.identity().uri());
    this.signer = new SigningProofSource(credentials);
    this.transport = AdversaryTransport.create(credentials, group, heard::add);
  }

  public NodeIdentity identity() {
    return credentials.identity();
  }

  public Credentials credentials() {
    return credentials;
  }

  /** Listens on {@code bind} (answering pings there) and advertises that address in its own ALIVEs. */
  public String listen(InetSocketAddress bind) throws InterruptedException {
    advertised = Addresses.format(transport.bind(bind));
    return advertised;
  }

  /** An authenticated connection to the node {@code expected} at {@code address}. */
  public Channel connect(InetSocketAddress address, NodeIdentity expected) throws Exception {
    return transport.connect(address, expected).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Writes one frame naming the adversary as its sender. */
  public void send(Channel channel, Message message) throws InterruptedException {
    sendAs(channel, credentials.identity(), message);
  }

  /** Writes one frame naming {@code claimedSender}: the product's transport checks incoming names only. */
  public void sendAs(Channel channel, NodeIdentity claimedSender, Message message) throws InterruptedException {
    channel.writeAndFlush(new Envelope(claimedSender, message)).await(CONNECT_TIMEOUT.toMillis());
  }

  /** Its own, honest ALIVE at {@code incarnation}: how it joins, and a marker a node has processed what came before. */
  public Alive selfAlive(long incarnation) {
    return sign(new Alive(self, incarnation, advertised, 0, new byte[0]));
  }

  /** An ALIVE about {@code victim} (moving it to {@code address}), signed with the adversary's key. */
  public Alive forgedAlive(MemberId victim, long incarnation, String address) {
    return sign(new Alive(victim, incarnation, address, 0, new byte[0]));
  }

  /** A SUSPECT of {@code subject} at {@code incarnation}, correctly signed by the adversary as accuser. */
  public Suspect accusation(MemberId subject, long incarnation) {
    Suspect unsigned = new Suspect(subject, incarnation, self, new byte[0]);
    return new Suspect(subject, incarnation, self, signer.proofFor(unsigned));
  }

  /** A META about {@code victim} (its private or shared entries), signed with the adversary's key. */
  public Meta forgedMeta(MemberId victim, long version, boolean shared, Map<String, String> entries) {
    Meta unsigned = new Meta(victim, version, shared, entries, new byte[0]);
    return new Meta(victim, version, shared, entries, signer.proofFor(unsigned));
  }

  /**
   * A registry head over {@code position}, laid out as the registry lays out its own but signed with
   * the adversary's node key and carrying the adversary's certificate.
   */
  public SignedHead headSignedByItself(LogPosition position, Instant time) {
    long millis = time.toEpochMilli();
    byte[] payload = ByteBuffer.allocate(1 + 8 + ChainHash.LENGTH + 8)
        .put(SignedHead.PAYLOAD_VERSION).putLong(position.sequence()).put(position.hash().toBytes()).putLong(millis).array();
    KeyMaterial key = credentials.keyMaterial();
    byte[] signature = new ClaimSigner(key.privateKey())
        .sign(SigningContext.of(credentials.identity().trustDomain(), SignedHead.SIGNING_KIND), payload);
    return SignedHead.of(position, Instant.ofEpochMilli(millis), key.certificate(), signature);
  }

  /**
   * The first message of {@code type} heard since the last {@link #forget} that {@code wanted}
   * accepts, waiting up to {@code timeout}; messages passed over stay recorded.
   */
  public <T extends Message> T await(Class<T> type, Predicate<T> wanted, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Envelope e : heard) {
        if (type.isInstance(e.message()) && wanted.test(type.cast(e.message()))) {
          return type.cast(e.message());
        }
      }
      if (System.nanoTime() - end > 0) {
        throw new IllegalStateException("no " + type.getSimpleName() + " heard in " + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(50); // polling what the event loop recorded
    }
  }

  /** Forgets everything heard so far. */
  public void forget() {
    heard.clear();
  }

  public static Gossip gossip(Claim... claims) {
    return new Gossip(List.of(claims), false);
  }

  private Alive sign(Alive unsigned) {
    return new Alive(unsigned.subject(), unsigned.incarnation(), unsigned.address(), unsigned.metaVersion(),
        signer.proofFor(unsigned));
  }

  /** The event loop group, for attacks that open their own connections (floods, raw frames). */
  NioEventLoopGroup group() {
    return group;
  }

  Transport transport() {
    return transport;
  }

  @Override
  public void close() {
    transport.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
