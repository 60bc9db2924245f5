package dev.hearsay.chaos.adversary;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MemberPull;
import dev.hearsay.overlay.core.MemberPush;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.node.Addresses;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Attacks with claims: lies about other members, signed with the adversary's own key, and replays. */
final class ClaimAttacks {
  private ClaimAttacks() {}

  @Command(name = "forge-alive", description = "An ALIVE about another member, moving it to another address at a much higher incarnation.")
  static final class ForgeAlive extends Attack.OverConnection {
    @Option(names = "--victim", required = true, description = "The member the ALIVE speaks for.")
    String victim;

    @Option(names = "--address", defaultValue = "127.0.0.1:9", description = "The address it claims for the victim (default: ${DEFAULT-VALUE}).")
    String address;

    @Override
    Report run(Adversary a, Channel ch) throws Exception {
      MemberId subject = MemberId.parse(victim);
      long genuine = MemberPulls.pull(a, ch, subject).alive().incarnation();
      long forged = genuine + 1000;
      a.send(ch, Adversary.gossip(a.forgedAlive(subject, forged, address)));
      return new Report("forge-alive").put("victim", victim).put("genuine_incarnation", genuine)
          .put("forged_incarnation", forged).put("forged_address", address);
    }
  }

  @Command(name = "forge-meta", description = "Metadata about another member, private or shared, signed with the adversary's key, with its genuine ALIVE.")
  static final class ForgeMeta extends Attack.OverConnection {
    @Option(names = "--victim", required = true, description = "The member the metadata speaks for.")
    String victim;

    @Option(names = "--private-entry", description = "key=value for the victim's private metadata, repeatable.")
    Map<String, String> privateEntries = new LinkedHashMap<>();

    @Option(names = "--shared-entry", description = "key=value for the victim's shared metadata, repeatable.")
    Map<String, String> sharedEntries = new LinkedHashMap<>();

    @Override
    void validate() {
      if (privateEntries.isEmpty() && sharedEntries.isEmpty()) {
        throw new IllegalArgumentException("give at least one --private-entry or --shared-entry");
      }
    }

    @Override
    Report run(Adversary a, Channel ch) throws Exception {
      MemberId subject = MemberId.parse(victim);
      // Metadata travels with its subject's ALIVE: the genuine one, carrying the forged META.
      MemberPush genuine = MemberPulls.pull(a, ch, subject);
      long version = genuine.alive().metaVersion() + 1000;
      List<Meta> forged = new ArrayList<>();
      if (!privateEntries.isEmpty()) {
        forged.add(a.forgedMeta(subject, version, false, privateEntries));
      }
      if (!sharedEntries.isEmpty()) {
        forged.add(a.forgedMeta(subject, version, true, sharedEntries));
      }
      a.send(ch, new MemberPush(genuine.alive(), forged));
      return new Report("forge-meta").put("victim", victim).put("private", privateEntries).put("shared", sharedEntries);
    }
  }

  @Command(name = "pull", description = "Asks for a member's ALIVE and metadata as metadata sync does, and reports what came back.")
  static final class Pull extends Attack.OverConnection {
    @Option(names = "--subject", required = true, description = "The member asked about.")
    String subject;

    @Override
    Report run(Adversary a, Channel ch) throws Exception {
      MemberPush p = MemberPulls.pull(a, ch, MemberId.parse(subject));
      List<Map<String, Object>> meta = new ArrayList<>();
      for (Meta m : p.meta()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("shared", m.shared());
        one.put("version", m.version());
        one.put("entries", m.entries());
        meta.add(one);
      }
      return new Report("pull").put("subject", subject).put("incarnation", p.alive().incarnation()).put("meta", meta);
    }
  }

  @Command(name = "accuse", description = "SUSPECTs of honest members, each signed anew; with --duration, a flood of them.")
  static final class Accuse extends Attack.OverConnection {
    @Option(names = "--subject", required = true, description = "A member to accuse, repeatable.")
    List<String> subjects = new ArrayList<>();

    @Option(names = "--duration", defaultValue = "0s", description = "How long to keep accusing (default: one batch).")
    Duration duration;

    @Option(names = "--batch", defaultValue = "20", description = "Accusations per frame (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override
    void validate() {
      if (batch < 1 || batch > 200) {
        throw new IllegalArgumentException("--batch must be 1..200, not " + batch);
      }
    }

    @Override
    Report run(Adversary a, Channel ch) throws Exception {
      Map<MemberId, Long> incarnations = new LinkedHashMap<>();
      for (String s : subjects) {
        MemberId id = MemberId.parse(s);
        incarnations.put(id, MemberPulls.pull(a, ch, id).alive().incarnation());
      }
      long sent = 0;
      long frames = 0;
      long end = System.nanoTime() + duration.toNanos();
      long nextRefresh = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      do {
        List<Claim> claims = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
          Map.Entry<MemberId, Long> e = nth(incarnations, (int) ((sent + i) % incarnations.size()));
          claims.add(a.accusation(e.getKey(), e.getValue()));
        }
        a.send(ch, new Gossip(claims, false));
        sent += claims.size();
        frames++;
        if (System.nanoTime() - nextRefresh > 0) {
          // A victim refutes with a higher incarnation; accusing the current one is what could hurt.
          nextRefresh = System.nanoTime() + Duration.ofSeconds(1).toNanos();
          refresh(a, ch, incarnations);
        }
      } while (System.nanoTime() - end < 0 && ch.isActive());
      return new Report("accuse").put("subjects", subjects).put("accusations", sent).put("frames", frames)
          .put("cut_off", !ch.isActive()).put("last_incarnations", names(incarnations));
    }

    /** Takes whatever pushes have come back since the last refresh, then asks again; never waits. */
    private static void refresh(Adversary a, Channel ch, Map<MemberId, Long> incarnations) throws InterruptedException {
      for (Map.Entry<MemberId, Long> e : incarnations.entrySet()) {
        try {
          long heard = a.await(MemberPush.class, p -> p.alive().subject().equals(e.getKey()), Duration.ZERO).alive().incarnation();
          e.setValue(Math.max(e.getValue(), heard));
        } catch (IllegalStateException nothingYet) {
          // the pull was dropped with the flood, or is still on its way: keep the last incarnation
        }
      }
      a.forget();
      for (MemberId id : incarnations.keySet()) {
        a.send(ch, new MemberPull(id));
      }
    }

    private static <K, V> Map.Entry<K, V> nth(Map<K, V> map, int n) {
      return map.entrySet().stream().skip(n).findFirst().orElseThrow();
    }

    private static Map<String, Long> names(Map<MemberId, Long> incarnations) {
      Map<String, Long> out = new LinkedHashMap<>();
      incarnations.forEach((k, v) -> out.put(k.toString(), v));
      return out;
    }
  }

  @Command(name = "replay", description = "Records a member's ALIVE and metadata, makes it refute, then replays the old recording.")
  static final class Replay extends Attack.OverConnection {
    @Option(names = "--subject", required = true, description = "The member whose claims are replayed.")
    String subject;

    @Option(names = "--subject-at", required = true, description = "The subject's gossip address, to make it refute.")
    String subjectAt;

    @Override
    Report run(Adversary a, Channel ch) throws Exception {
      MemberId id = MemberId.parse(subject);
      MemberPush recorded = MemberPulls.pull(a, ch, id);
      long old = recorded.alive().incarnation();
      // One accusation reaching the subject makes it refute above the recording; the subject takes
      // accusations only from members it knows, so the adversary joins there as well.
      Channel toSubject = a.connect(Addresses.parse(subjectAt), NodeIdentity.parse(subject));
      AttackOptions.join(a, toSubject, subjectAt);
      a.send(toSubject, Adversary.gossip(a.accusation(id, old)));
      long current = MemberPulls.pullUntil(a, ch, id, p -> p.alive().incarnation() > old,
          options.target + " learning a refutation of " + subject).alive().incarnation();
      a.send(ch, new Gossip(List.of(recorded.alive()), false));
      a.send(ch, recorded);
      return new Report("replay").put("subject", subject).put("recorded_incarnation", old).put("refuted_to", current)
          .put("replayed_meta", recorded.meta().size());
    }
  }
}
