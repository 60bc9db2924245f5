package dev.hearsay.registry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.MutableClock;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRevocationStoreTest {
  private static final NodeIdentity OPERATOR = NodeIdentity.operator("example.org", "alice");
  private final MutableClock clock = MutableClock.startingNow();

  @TempDir Path dir;

  private static RevocationTarget node(int i) {
    return RevocationTarget.identity(NodeIdentity.node("example.org", "t", "n" + i));
  }

  /** Appends n entries and returns the file offsets at which each record ends (index 0 = header end). */
  private long[] fill(Path dataDir, int n) throws IOException {
    long[] ends = new long[n + 1];
    try (FileRevocationStore store = FileRevocationStore.open(dataDir, clock)) {
      ends[0] = Files.size(store.file());
      for (int i = 1; i <= n; i++) {
        clock.advance(Duration.ofSeconds(1));
        RevocationTarget target = i % 2 == 0 ? node(i) : RevocationTarget.serial(Integer.toHexString(0xabc00 + i));
        store.append(target, "reason " + i, OPERATOR);
        ends[i] = Files.size(store.file());
      }
    }
    return ends;
  }

  @Test
  void appendsChainAndSurviveReopen() throws IOException {
    List<RevocationEntry> written = new ArrayList<>();
    try (FileRevocationStore store = FileRevocationStore.open(dir, clock)) {
      assertEquals(LogPosition.GENESIS, store.position());
      for (int i = 1; i <= 5; i++) {
        AppendResult r = store.append(node(i), "compromised", OPERATOR);
        assertTrue(r.created());
        assertEquals(i, r.entry().sequence());
        assertEquals(i == 1 ? ChainHash.GENESIS : written.get(i - 2).hash(), r.entry().prevHash());
        assertTrue(r.entry().hasValidHash());
        written.add(r.entry());
      }
      assertEquals(new LogPosition(5, written.get(4).hash()), store.position());
      assertEquals(written.subList(2, 4), store.entriesAfter(2, 2));
      assertEquals(List.of(), store.entriesAfter(5, 10));
    }
    try (FileRevocationStore store = FileRevocationStore.open(dir, clock)) {
      assertFalse(store.recovery().truncated());
      assertEquals(5, store.recovery().entries());
      assertEquals(written, store.entriesAfter(0, 100));
      assertTrue(store.revocations().isRevoked(NodeIdentity.node("example.org", "t", "n3")));
      assertEquals(6, store.append(node(6), "", OPERATOR).entry().sequence());
    }
  }

  @Test
  void publishingTheSameTargetTwiceReturnsTheExistingEntry() throws IOException {
    try (FileRevocationStore store = FileRevocationStore.open(dir, clock)) {
      AppendResult first = store.append(RevocationTarget.serial("0x0ABC"), "first", OPERATOR);
      long sizeAfterFirst = Files.size(store.file());
      AppendResult again = store.append(RevocationTarget.serial("abc"), "second", OPERATOR);
      assertTrue(first.created());
      assertFalse(again.created());
      assertEquals(first.entry(), again.entry());
      assertEquals(sizeAfterFirst, Files.size(store.file()), "an idempotent publish writes nothing");
      assertEquals(1, store.position().sequence());
    }
  }

  @Test
  void recoveryKeepsExactlyTheWholeRecordsWhereverTheFileIsCut() throws IOException {
    Path source = dir.resolve("source");
    int n = 6;
    long[] ends = fill(source, n);
    byte[] full = Files.readAllBytes(source.resolve(FileRevocationStore.FILE_NAME));
    List<RevocationEntry> expected;
    try (FileRevocationStore store = FileRevocationStore.open(source, clock)) {
      expected = store.entriesAfter(0, n);
    }
    // Every cut from the middle of the header to the end of the file, covering the last three records.
    int checked = 0;
    for (long cut = ends[n - 3]; cut <= full.length; cut++) {
      Path copy = dir.resolve("cut-" + cut);
      Files.createDirectories(copy);
      Files.write(copy.resolve(FileRevocationStore.FILE_NAME), Arrays.copyOf(full, (int) cut));
      int whole = 0;
      while (whole < n && ends[whole + 1] <= cut) {
        whole++;
      }
      try (FileRevocationStore store = FileRevocationStore.open(copy, clock)) {
        assertEquals(expected.subList(0, whole), store.entriesAfter(0, n), "cut at " + cut);
        long torn = cut - ends[whole];
        assertEquals(torn, store.recovery().truncatedBytes(), "cut at " + cut);
        assertEquals(torn > 0, store.recovery().truncated(), "cut at " + cut);
        assertEquals(ends[whole], Files.size(store.file()), "the torn tail is cut off the file, cut at " + cut);
        // The recovered log takes appends and reopens clean.
        store.append(node(1000), "after recovery", OPERATOR);
      }
      try (FileRevocationStore store = FileRevocationStore.open(copy, clock)) {
        assertFalse(store.recovery().truncated(), "cut at " + cut);
        assertEquals(whole + 1, store.position().sequence(), "cut at " + cut);
      }
      checked++;
    }
    assertEquals(full.length - ends[n - 3] + 1, checked);
  }

  @Test
  void aCutInsideTheFileHeaderLeavesAnEmptyLog() throws IOException {
    long[] ends = fill(dir.resolve("source"), 1);
    byte[] full = Files.readAllBytes(dir.resolve("source").resolve(FileRevocationStore.FILE_NAME));
    for (int cut = 0; cut < ends[0]; cut++) {
      Path copy = dir.resolve("h" + cut);
      Files.createDirectories(copy);
      Files.write(copy.resolve(FileRevocationStore.FILE_NAME), Arrays.copyOf(full, cut));
      try (FileRevocationStore store = FileRevocationStore.open(copy, clock)) {
        assertEquals(0, store.position().sequence());
        assertEquals(cut, store.recovery().truncatedBytes());
      }
    }
  }

  @Test
  void everyDamagedByteOfTheLastRecordIsCutAndReported() throws IOException {
    Path source = dir.resolve("source");
    long[] ends = fill(source, 4);
    byte[] full = Files.readAllBytes(source.resolve(FileRevocationStore.FILE_NAME));
    for (long at = ends[3]; at < ends[4]; at++) {
      byte[] damaged = full.clone();
      damaged[(int) at] ^= 0x40;
      Path copy = dir.resolve("flip-" + at);
      Files.createDirectories(copy);
      Files.write(copy.resolve(FileRevocationStore.FILE_NAME), damaged);
      try (FileRevocationStore store = FileRevocationStore.open(copy, clock)) {
        assertEquals(3, store.position().sequence(), "flip at " + at);
        assertTrue(store.recovery().truncated(), "flip at " + at);
        assertEquals(ends[4] - ends[3], store.recovery().truncatedBytes(), "flip at " + at);
      }
    }
  }

  @Test
  void damageBeforeTheTailIsAHardErrorThatNamesTheOffset() throws IOException {
    Path source = dir.resolve("source");
    long[] ends = fill(source, 4);
    byte[] full = Files.readAllBytes(source.resolve(FileRevocationStore.FILE_NAME));
    for (long at = ends[1]; at < ends[2]; at++) {
      byte[] damaged = full.clone();
      damaged[(int) at] ^= 0x01;
      Files.write(source.resolve(FileRevocationStore.FILE_NAME), damaged);
      CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileRevocationStore.open(source, clock), "flip at " + at);
      assertTrue(e.getMessage().contains("offset " + ends[1]), e.getMessage());
      assertTrue(e.getMessage().contains("after entry #1"), e.getMessage());
    }
    // The refusal changed nothing on disk.
    byte[] after = Files.readAllBytes(source.resolve(FileRevocationStore.FILE_NAME));
    assertEquals(full.length, after.length);
  }

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefused() throws IOException {
    try (FileRevocationStore first = FileRevocationStore.open(dir, clock)) {
      IOException e = assertThrows(IOException.class, () -> FileRevocationStore.open(dir, clock));
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
      first.append(node(1), "", OPERATOR);
    }
    try (FileRevocationStore reopened = FileRevocationStore.open(dir, clock)) {
      assertEquals(1, reopened.position().sequence());
    }
  }

  @Test
  void aFileThatIsNotARevocationLogIsRefused() throws IOException {
    Files.writeString(dir.resolve(FileRevocationStore.FILE_NAME), "hello, this is not a log");
    CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileRevocationStore.open(dir, clock));
    assertTrue(e.getMessage().contains("not a hearsay revocation log"), e.getMessage());
  }

  @Test
  void aFullLogRefusesNewTargetsButStillAnswersKnownOnes() throws IOException {
    try (FileRevocationStore store = FileRevocationStore.open(dir, clock, 2)) {
      store.append(node(1), "", OPERATOR);
      store.append(node(2), "", OPERATOR);
      assertThrows(LogFullException.class, () -> store.append(node(3), "", OPERATOR));
      assertSame(store.find(node(1)).orElseThrow(), store.append(node(1), "", OPERATOR).entry());
    }
  }
}
