package dev.hearsay.overlay.guard;

import com.github.benmanes.caffeine.cache.Cache;
import dev.hearsay.crypto.Caches;
import java.net.InetAddress;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Limits before the handshake, per source address: connection attempts per second, and failed
 * handshakes per minute (past which the address is banned, with the same backoff as identities).
 * These are the only per-address rules: once a peer is authenticated it is limited by identity, so
 * honest nodes sharing an address with a misbehaving one are not punished for what it says. Only
 * reconnecting while refused (banned, or disconnected and not yet recovered), which costs us a
 * handshake each time, counts against the address, in a budget of its own; an identity that does it
 * at once, again and again, gets its address banned outright (see {@link PeerGuard}).
 */
final class AddressGate {
  enum Verdict {
    ADMIT,
    BANNED,
    TOO_MANY_ATTEMPTS
  }

  private static final long SECOND = 1_000_000_000L;

  private final class AddressState {
    final TokenBucket attempts;
    final TokenBucket failures;
    final TokenBucket refusedIdentities;

    AddressState(long now) {
      attempts = new TokenBucket(settings.addressConnectionsPerSecond(), SECOND, now);
      failures = new TokenBucket(settings.addressHandshakeFailuresPerMinute(), 60 * SECOND, now);
      refusedIdentities = new TokenBucket(settings.addressRefusedIdentitiesPerMinute(), 60 * SECOND, now);
    }
  }

  private final GuardSettings settings;
  private final LongSupplier nanoTime;
  private final Cache<InetAddress, AddressState> states;
  private final BanList<InetAddress> bans;

  AddressGate(GuardSettings settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.nanoTime = nanoTime;
    this.states = Caches.builder()
        .maximumSize(settings.maxAddresses())
        .expireAfterAccess(Duration.ofMinutes(2)) // both buckets are full again by then
        .ticker(nanoTime::getAsLong)
        .build();
    this.bans = new BanList<>(settings.firstBan(), settings.maxBan(), settings.banMemory(), settings.maxAddresses(), nanoTime);
  }

  private AddressState state(InetAddress address) {
    return states.get(address, a -> new AddressState(nanoTime.getAsLong()));
  }

  Verdict onConnection(InetAddress address) {
    if (bans.isBanned(address)) {
      return Verdict.BANNED;
    }
    AddressState s = state(address);
    synchronized (s) {
      return s.attempts.tryTake(1, nanoTime.getAsLong()) ? Verdict.ADMIT : Verdict.TOO_MANY_ATTEMPTS;
    }
  }

  /** Records a failed handshake; returns the ban's length if this one got the address banned, else null. */
  Duration onHandshakeFailure(InetAddress address) {
    AddressState s = state(address);
    return overBudget(address, s, s.failures);
  }

  /**
   * Records a completed handshake whose identity was refused right after; returns the ban's length if
   * this one got the address banned, else null.
   */
  Duration onRefusedIdentity(InetAddress address) {
    AddressState s = state(address);
    return overBudget(address, s, s.refusedIdentities);
  }

  private Duration overBudget(InetAddress address, AddressState s, TokenBucket budget) {
    boolean over;
    synchronized (s) {
      over = !budget.tryTake(1, nanoTime.getAsLong());
    }
    return over ? ban(address) : null;
  }

  /** Bans {@code address} now (unless it is already); returns the ban's length, or null if it was banned already. */
  Duration ban(InetAddress address) {
    return bans.isBanned(address) ? null : bans.ban(address);
  }

  boolean isBanned(InetAddress address) {
    return bans.isBanned(address);
  }

  long activeBans() {
    return bans.activeBans();
  }
}
