package dev.hearsay.overlay.core;

import java.util.ArrayList;
import java.util.List;

/** Records a core's effects for assertions. */
final class Recorder implements Effects {

  record Sent(String address, Message message) {}

  record Scheduled(long at, Timer timer) {}

  record Unanswered(MemberId member, String address, long sentAt) {}

  final List<Sent> sent = new ArrayList<>();
  final List<Scheduled> timers = new ArrayList<>();
  final List<MembershipEvent> events = new ArrayList<>();
  final List<Unanswered> unanswered = new ArrayList<>();

  @Override
  public void send(String address, Message message) {
    sent.add(new Sent(address, message));
  }

  @Override
  public void schedule(long at, Timer timer) {
    timers.add(new Scheduled(at, timer));
  }

  @Override
  public void emit(MembershipEvent event) {
    events.add(event);
  }

  @Override
  public void unanswered(MemberId member, String address, long sentAt) {
    unanswered.add(new Unanswered(member, address, sentAt));
  }

  <T extends Message> List<T> sentOf(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Sent s : sent) {
      if (type.isInstance(s.message())) {
        out.add(type.cast(s.message()));
      }
    }
    return out;
  }

  List<Sent> sentTo(String address) {
    List<Sent> out = new ArrayList<>();
    for (Sent s : sent) {
      if (s.address().equals(address)) {
        out.add(s);
      }
    }
    return out;
  }

  Scheduled lastTimer(Timer.Kind kind) {
    Scheduled last = null;
    for (Scheduled t : timers) {
      if (t.timer().kind() == kind) {
        last = t;
      }
    }
    return last;
  }

  List<Claim> claimsSent() {
    return claimsIn(sent);
  }

  /** The claims carried by {@code messages}, in order. */
  static List<Claim> claimsIn(List<Sent> messages) {
    List<Claim> out = new ArrayList<>();
    for (Sent s : messages) {
      Message m = s.message();
      if (m instanceof Gossip g) {
        out.addAll(g.claims());
      } else if (m instanceof Ping p) {
        out.addAll(p.piggyback());
      } else if (m instanceof Ack a) {
        out.addAll(a.piggyback());
      } else if (m instanceof PingReq r) {
        out.addAll(r.piggyback());
      }
    }
    return out;
  }

  void clear() {
    sent.clear();
    timers.clear();
    events.clear();
    unanswered.clear();
  }
}
