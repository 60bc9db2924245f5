package dev.hearsay.registry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearsay.crypto.Role;
import dev.hearsay.registry.api.EntryJson;
import dev.hearsay.registry.api.HeadJson;
import dev.hearsay.registry.api.PublishRequest;
import dev.hearsay.registry.api.PublishResponse;
import dev.hearsay.registry.api.RevocationsResponse;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.log.SignedHead;
import dev.hearsay.registry.store.AppendResult;
import dev.hearsay.registry.store.LogFullException;
import dev.hearsay.registry.store.RevocationStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishing, reading and following the log. Publishes go to the disk thread; reads are served from memory. */
final class RevocationEndpoints {
  private static final Logger LOG = LoggerFactory.getLogger(RevocationEndpoints.class);
  static final Set<String> SINCE_PARAMS = Set.of("since");
  static final Set<String> WAIT_PARAMS = Set.of("since", "timeout");

  private final RevocationStore store;
  private final HeadSigner heads;
  private final Executor disk;
  private final ObjectMapper json;
  private final RegistryLimits limits;
  private final LongPollWaiters waiters;

  RevocationEndpoints(RevocationStore store, HeadSigner heads, Executor disk, ObjectMapper json, RegistryLimits limits) {
    this.store = store;
    this.heads = heads;
    this.disk = disk;
    this.json = json;
    this.limits = limits;
    this.waiters = new LongPollWaiters(limits.maxWaiters(), () -> store.position().sequence(), (ex, since) -> ex.ok(page(since)));
    store.onAppend(entry -> waiters.logMovedTo(entry.sequence()));
  }

  /**
   * Entries after {@code since}, never past the head returned with them, so the page always verifies
   * against its own head (or, when {@code more}, against a later page's).
   */
  RevocationsResponse page(long since) {
    SignedHead head = heads.current();
    long upTo = head.sequence();
    int room = (int) Math.max(0, Math.min(limits.pageSize(), upTo - since));
    List<RevocationEntry> entries = room == 0 ? List.of() : store.entriesAfter(since, room);
    long next = entries.isEmpty() ? Math.min(since, upTo) : entries.get(entries.size() - 1).sequence();
    return new RevocationsResponse(entries.stream().map(EntryJson::from).toList(), next, next < upTo, HeadJson.from(head));
  }

  void since(Exchange ex, Query query) throws BadRequest {
    ex.ok(page(query.nonNegative("since", 0)));
  }

  void head(Exchange ex) {
    ex.ok(HeadJson.from(heads.current()));
  }

  void waitFor(Exchange ex, Query query) throws BadRequest {
    long since = query.nonNegative("since", 0);
    long timeoutMs = Math.min(query.nonNegative("timeout", limits.maxLongPoll().toMillis()), limits.maxLongPoll().toMillis());
    if (store.position().sequence() > since || timeoutMs == 0) {
      ex.ok(page(since));
      return;
    }
    if (!waiters.await(ex, since, Duration.ofMillis(timeoutMs))) {
      ex.fail(ApiError.BUSY, "too many long-polls are pending (" + limits.maxWaiters() + "); poll GET /v1/revocations instead");
    }
  }

  void publish(Exchange ex, byte[] body) throws BadRequest {
    if (ex.peer().identity().role() != Role.OPERATOR) {
      throw new BadRequest(ApiError.FORBIDDEN, "only operator identities may publish revocations; " + ex.peer().identity() + " is a " + ex.peer().identity().role().label());
    }
    PublishRequest request = JsonBodies.read(json, body, PublishRequest.class);
    RevocationTarget target;
    try {
      target = request.target();
    } catch (IllegalArgumentException e) {
      throw new BadRequest(ApiError.INVALID_REQUEST, JsonBodies.bounded(e.getMessage()));
    }
    if (!target.kind().equals(RevocationTarget.Kind.SERIAL)
        && !target.value().startsWith("spiffe://" + ex.peer().identity().trustDomain() + "/")) {
      throw new BadRequest(ApiError.INVALID_REQUEST, "the identity is not in this overlay's trust domain: " + target.value());
    }
    try {
      disk.execute(() -> append(ex, target, request.reason()));
    } catch (RejectedExecutionException e) {
      ex.fail(ApiError.BUSY, "too many publishes are waiting for the disk; retry shortly");
    }
  }

  private void append(Exchange ex, RevocationTarget target, String reason) {
    try {
      AppendResult result = store.append(target, reason, ex.peer().identity());
      if (result.created()) {
        LOG.info("published revocation {}", result.entry());
      }
      ex.ok(new PublishResponse(EntryJson.from(result.entry()), result.created(), HeadJson.from(heads.current())));
    } catch (LogFullException e) {
      ex.fail(ApiError.LOG_FULL, e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.error("publishing {} failed", target, e);
      ex.fail(ApiError.STORE_FAILED, "the revocation could not be made durable; it was not published");
    }
  }

  int pendingWaiters() {
    return waiters.pending();
  }
}
