package dev.hearsay.registry.store;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationSet;
import dev.hearsay.registry.log.RevocationTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: one append-only file, {@code revocations.log} under the data directory, in the
 * {@link LogRecordFormat}. Every append is written and {@code force}d before it is acknowledged; the
 * whole log is also held in memory (entries are small and few), so reads never touch the disk.
 *
 * <p>On open, every record is checked (checksum, sequence, link to its predecessor, hash). A damaged
 * record with no whole record after it is a torn tail, i.e. an append that was never acknowledged:
 * it is logged, reported in {@link #recovery()} and cut off. Damage with whole records after it is a
 * {@link CorruptLogException}: cutting there would lose acknowledged entries.
 */
public final class FileRevocationStore implements RevocationStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileRevocationStore.class);
  public static final String FILE_NAME = "revocations.log";
  public static final int DEFAULT_MAX_ENTRIES = 1_000_000;
  /** The whole file is read at open; this bounds that (a full log of maximal entries is far smaller). */
  public static final long MAX_FILE_BYTES = 1L << 30;

  private final Path file;
  private final FileChannel channel;
  private final Clock clock;
  private final int maxEntries;
  private final RecoveryReport recovery;
  private final ReadWriteLock memory = new ReentrantReadWriteLock();
  private final List<RevocationEntry> entries;
  private final Map<RevocationTarget, RevocationEntry> byTarget = new HashMap<>();
  private final RevocationSet revocations = new RevocationSet();
  private final List<Consumer<RevocationEntry>> listeners = new CopyOnWriteArrayList<>();
  private final Object appendLock = new Object();
  private long fileSize;
  /** Set when a failed append could not be undone; the file may then end in a torn record. */
  private IOException broken;

  private FileRevocationStore(
      Path file, FileChannel channel, Clock clock, int maxEntries, List<RevocationEntry> entries, long fileSize, RecoveryReport recovery) {
    this.file = file;
    this.channel = channel;
    this.clock = clock;
    this.maxEntries = maxEntries;
    this.entries = entries;
    this.fileSize = fileSize;
    this.recovery = recovery;
    for (RevocationEntry e : entries) {
      byTarget.putIfAbsent(e.target(), e);
      revocations.add(e);
    }
  }

  public static FileRevocationStore open(Path dataDir, Clock clock) throws IOException {
    return open(dataDir, clock, DEFAULT_MAX_ENTRIES);
  }

  /**
   * Opens (creating if needed) the log under {@code dataDir}, recovering a torn tail.
   *
   * @throws CorruptLogException if the file is damaged anywhere but its tail, or is not a revocation log
   */
  public static FileRevocationStore open(Path dataDir, Clock clock, int maxEntries) throws IOException {
    Objects.requireNonNull(clock, "clock");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    boolean created = !Files.exists(file);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      lock(file, channel);
      if (created) {
        syncDirectory(dataDir);
      }
      Recovered r = recover(file, channel);
      if (r.report.truncated()) {
        LOG.warn("revocation log {}: {}", file, r.report);
      } else {
        LOG.info("revocation log {}: {}", file, r.report);
      }
      return new FileRevocationStore(file, channel, clock, maxEntries, r.entries, r.size, r.report);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Two registries appending to one file would interleave records; the second is refused. The lock
   * goes with the process, so a killed registry does not leave it behind.
   */
  private static void lock(Path file, FileChannel channel) throws IOException {
    java.nio.channels.FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new IOException(file + " is in use by another registry (it holds the file lock)");
    }
  }

  private record Recovered(List<RevocationEntry> entries, long size, RecoveryReport report) {}

  private static Recovered recover(Path file, FileChannel channel) throws IOException {
    long size = channel.size();
    if (size > MAX_FILE_BYTES) {
      throw new CorruptLogException(file + " is " + size + " bytes, more than a revocation log can be (" + MAX_FILE_BYTES + ")");
    }
    byte[] bytes = new byte[(int) size];
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining() && channel.read(buf, buf.position()) >= 0) {
      // read until full
    }
    byte[] header = LogRecordFormat.FILE_HEADER;
    if (size < header.length) {
      // Creation writes and forces the header before any append, so a short header holds no entry.
      if (!Arrays.equals(bytes, Arrays.copyOf(header, bytes.length))) {
        throw new CorruptLogException(file + " is not a hearsay revocation log (bad header)");
      }
      writeFully(channel, ByteBuffer.wrap(header), 0);
      channel.truncate(header.length);
      channel.force(true);
      RecoveryReport report =
          size == 0 ? RecoveryReport.clean(0) : new RecoveryReport(0, size, 0, "the file header was cut short");
      return new Recovered(new ArrayList<>(), header.length, report);
    }
    if (!Arrays.equals(Arrays.copyOf(bytes, header.length), header)) {
      throw new CorruptLogException(file + " is not a hearsay revocation log of format version 1 (bad header)");
    }
    List<RevocationEntry> entries = new ArrayList<>();
    LogPosition at = LogPosition.GENESIS;
    int offset = header.length;
    int end = bytes.length;
    while (offset < end) {
      LogRecordFormat.Read read = LogRecordFormat.read(bytes, offset, end);
      if (!read.ok() && read.length() == 0) {
        long next = LogRecordFormat.nextWholeRecord(bytes, offset + 1, end);
        if (next >= 0) {
          throw new CorruptLogException(
              file + ": the record at offset " + offset + " (after entry #" + at.sequence() + ") is damaged ("
                  + read.problem() + ") and whole records follow at offset " + next
                  + "; refusing to open, since truncating would lose acknowledged entries");
        }
        channel.truncate(offset);
        channel.force(true);
        return new Recovered(entries, offset, new RecoveryReport(entries.size(), end - offset, offset, read.problem()));
      }
      String problem = read.ok() ? linkProblem(at, read.entry()) : read.problem();
      if (problem != null) {
        throw new CorruptLogException(
            file + ": the record at offset " + offset + " (after entry #" + at.sequence() + ") is whole but invalid: " + problem);
      }
      entries.add(read.entry());
      at = LogPosition.of(read.entry());
      offset += read.length();
    }
    return new Recovered(entries, end, RecoveryReport.clean(entries.size()));
  }

  private static String linkProblem(LogPosition at, RevocationEntry entry) {
    if (entry.sequence() != at.sequence() + 1) {
      return "entry #" + entry.sequence() + " where #" + (at.sequence() + 1) + " was expected";
    }
    if (!entry.prevHash().equals(at.hash())) {
      return "entry #" + entry.sequence() + " does not link to its predecessor";
    }
    if (!entry.hasValidHash()) {
      return "entry #" + entry.sequence() + " does not match its hash";
    }
    return null;
  }

  @Override
  public AppendResult append(RevocationTarget target, String reason, NodeIdentity operator) throws IOException {
    Objects.requireNonNull(target, "target");
    synchronized (appendLock) {
      Optional<RevocationEntry> existing = find(target);
      if (existing.isPresent()) {
        return new AppendResult(existing.get(), false);
      }
      if (broken != null) {
        throw new IOException("the revocation log " + file + " refused appends after a failed write: " + broken.getMessage(), broken);
      }
      LogPosition at = position();
      if (at.sequence() >= maxEntries) {
        throw new LogFullException("the revocation log holds its maximum of " + maxEntries + " entries");
      }
      RevocationEntry entry = RevocationEntry.create(at.sequence() + 1, target, reason, clock.instant(), operator, at.hash());
      byte[] record = LogRecordFormat.encode(entry);
      try {
        writeFully(channel, ByteBuffer.wrap(record), fileSize);
        channel.force(true);
      } catch (IOException e) {
        undo(e);
        throw e;
      }
      fileSize += record.length;
      memory.writeLock().lock();
      try {
        entries.add(entry);
        byTarget.put(target, entry);
        revocations.add(entry);
      } finally {
        memory.writeLock().unlock();
      }
      for (Consumer<RevocationEntry> listener : listeners) {
        try {
          listener.accept(entry);
        } catch (RuntimeException e) {
          LOG.error("an append listener failed on {}", entry, e);
        }
      }
      return new AppendResult(entry, true);
    }
  }

  /** Cuts a partly written record back off; if even that fails, no further append is attempted. */
  private void undo(IOException cause) {
    try {
      channel.truncate(fileSize);
      channel.force(true);
    } catch (IOException e) {
      cause.addSuppressed(e);
      broken = cause;
      LOG.error("revocation log {}: a failed append could not be undone; refusing further appends", file, e);
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
    long at = position;
    while (buf.hasRemaining()) {
      at += channel.write(buf, at);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Not every file system lets a directory be opened; the file's own force still holds its data.
    }
  }

  @Override
  public LogPosition position() {
    memory.readLock().lock();
    try {
      return entries.isEmpty() ? LogPosition.GENESIS : LogPosition.of(entries.get(entries.size() - 1));
    } finally {
      memory.readLock().unlock();
    }
  }

  @Override
  public List<RevocationEntry> entriesAfter(long sequence, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    memory.readLock().lock();
    try {
      // Entry n sits at index n - 1.
      int from = (int) Math.max(0, Math.min(sequence, entries.size()));
      int to = (int) Math.min(entries.size(), (long) from + limit);
      return List.copyOf(entries.subList(from, to));
    } finally {
      memory.readLock().unlock();
    }
  }

  @Override
  public Optional<RevocationEntry> find(RevocationTarget target) {
    memory.readLock().lock();
    try {
      return Optional.ofNullable(byTarget.get(target));
    } finally {
      memory.readLock().unlock();
    }
  }

  public int size() {
    memory.readLock().lock();
    try {
      return entries.size();
    } finally {
      memory.readLock().unlock();
    }
  }

  @Override
  public RevocationSet revocations() {
    return revocations;
  }

  @Override
  public RecoveryReport recovery() {
    return recovery;
  }

  @Override
  public void onAppend(Consumer<RevocationEntry> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    synchronized (appendLock) {
      channel.close();
    }
  }
}
