package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Leave;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MembershipEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MembershipLogTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("catch-up-test");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final MembershipLog log = new MembershipLog(logger, "fresh");

  MembershipLogTest() {
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
  }

  private static MemberId member(int i) {
    return MemberId.parse("spiffe://example.org/tenant/blue/node/m" + i);
  }

  private List<String> infoLines() {
    return lines.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void aJoinAnswerOfAHundredMembersAndTheirDeparturesIsOneLinePerPart() {
    for (int i = 0; i < 100; i++) {
      Alive a = new Alive(member(i), 0, "127.0.0.1:" + (7000 + i), 0, new byte[0]);
      assertTrue(log.take(new MembershipEvent(MembershipEvent.Kind.JOINED, member(i), null, a, 1, true)));
    }
    log.flush("t");
    for (int i = 0; i < 90; i++) {
      Leave l = new Leave(member(i), 0, new byte[0]);
      assertTrue(log.take(new MembershipEvent(MembershipEvent.Kind.LEFT, member(i), null, l, 2, true)));
    }
    log.flush("t");
    log.flush("t");
    assertEquals(List.of("fresh: caught up from t: 100 members learned, 0 departures learned",
        "fresh: caught up from t: 0 members learned, 90 departures learned"), infoLines());
  }

  @Test
  void newsIsLeftToTheNodesOwnLine() {
    Alive a = new Alive(member(1), 3, "127.0.0.1:7001", 0, new byte[0]);
    assertFalse(log.take(new MembershipEvent(MembershipEvent.Kind.JOINED, member(1), null, a, 1)));
    log.flush("t");
    assertEquals(List.of(), infoLines());
    log.log(new MembershipEvent(MembershipEvent.Kind.JOINED, member(1), null, a, 1));
    assertEquals(List.of("fresh: joined spiffe://example.org/tenant/blue/node/m1 (incarnation 3)"), infoLines());
  }
}
