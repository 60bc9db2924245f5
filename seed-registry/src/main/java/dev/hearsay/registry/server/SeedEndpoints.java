package dev.hearsay.registry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearsay.crypto.Role;
import dev.hearsay.registry.api.SeedAddress;
import dev.hearsay.registry.api.SeedJson;
import dev.hearsay.registry.api.SeedRegistrationRequest;
import dev.hearsay.registry.api.SeedsResponse;
import dev.hearsay.registry.log.RevocationSet;

/** Nodes register their gossip address; anyone authenticated lists the live ones. */
final class SeedEndpoints {
  /** A joining node needs a handful of seeds, not the whole overlay. */
  static final int LISTED = 64;

  private final SeedDirectory seeds;
  private final RevocationSet revoked;
  private final ObjectMapper json;

  SeedEndpoints(SeedDirectory seeds, RevocationSet revoked, ObjectMapper json) {
    this.seeds = seeds;
    this.revoked = revoked;
    this.json = json;
  }

  void list(Exchange ex) {
    ex.ok(new SeedsResponse(seeds.list(LISTED, revoked::isRevoked).stream().map(SeedEndpoints::toJson).toList()));
  }

  void register(Exchange ex, byte[] body) throws BadRequest {
    if (ex.peer().identity().role() != Role.NODE) {
      throw new BadRequest(ApiError.FORBIDDEN, "only node identities register seed addresses; " + ex.peer().identity() + " is a " + ex.peer().identity().role().label());
    }
    SeedRegistrationRequest request = JsonBodies.read(json, body, SeedRegistrationRequest.class);
    SeedAddress address;
    try {
      address = SeedAddress.parse(request.address());
    } catch (IllegalArgumentException e) {
      throw new BadRequest(ApiError.INVALID_REQUEST, JsonBodies.bounded(e.getMessage()));
    }
    ex.ok(toJson(seeds.register(ex.peer().identity(), address)));
  }

  private static SeedJson toJson(SeedDirectory.Seed s) {
    return new SeedJson(s.identity().uri(), s.address().toString(), s.expires().toString());
  }
}
