package dev.agentguard.agent.audit;

import dev.agentguard.agent.audit.AuditLineFormat.AuditLine;
import dev.agentguard.agent.config.IoReason;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hash-chained audit log writer (SPEC §7). Host threads call {@link #append}, which only enqueues; one
 * daemon thread ("agentguard-audit") assigns {@code seq} in enqueue order, renders each record, chains its
 * hash, writes batches and fsyncs once per batch, then rewrites the {@link AuditHead} sidecar.
 *
 * <p>Guarantees and choices:
 * <ul>
 *   <li>Nothing is dropped: a full queue blocks {@code append} (backpressure); an I/O error is reported once on
 *       stderr and the same bytes are retried (the file is first cut back to its last good length), so the
 *       host's tool calls block rather than go unrecorded while the disk is broken.</li>
 *   <li>Rotation: before the active file would pass {@code maxFileSizeBytes} it is renamed to {@code <file>.N}
 *       (N one above the highest existing, so .1 is the oldest) and a new file continues the same chain.</li>
 *   <li>Reopening continues the chain from the last complete record. A torn last line (a crash mid-write) is
 *       cut off and reported on stderr: it was never part of an fsync'd batch, so the head never covered it and
 *       {@code audit verify} passes. If the head records more than the file holds (lines removed), the chain
 *       continues from the head, so the gap stays visible to {@code audit verify} for good.</li>
 *   <li>A file that holds non-records, or was chained under another key or algorithm, is rotated away
 *       untouched before writing, so every file verifies with one key.</li>
 *   <li>{@link #close} drains and fsyncs; later appends are written synchronously on the caller's thread.
 *       Records appended while close runs are all written, but may land slightly out of enqueue order.</li>
 *   <li>One writer per file: two JVMs must not share an audit file.</li>
 * </ul>
 */
public final class AuditWriter implements AutoCloseable {
  private static final Object STOP = new Object();
  private static final int MAX_BATCH = 4096;
  private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long SYNC_WRITE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long MAX_BACKOFF_MS = 2000;
  private static final long NO_DEADLINE = Long.MAX_VALUE;

  /** A flush() caller's marker in the queue: released once everything before it is on disk. */
  private static final class FlushRequest {
    final CountDownLatch done = new CountDownLatch(1);
  }

  private final Path active;
  private final Path headFile;
  private final long maxFileSize;
  private final boolean fsyncAlways;
  private final PrintStream diagnostics;
  private final BlockingQueue<Object> queue;
  private final Thread writerThread;
  private final Thread shutdownHook;
  private final AtomicBoolean closeStarted = new AtomicBoolean();
  private final CountDownLatch closeFinished = new CountDownLatch(1);
  private volatile boolean closing;
  private volatile long publishedSeq; // `seq` for readers that must not wait on `lock` (a failing disk holds it)
  private volatile long closeDeadline;

  // Everything below is guarded by `lock`: the writer thread holds it per batch; after close, callers do.
  private final Object lock = new Object();
  private final ChainHash chain;
  private final AuditLineFormat format = new AuditLineFormat();
  private final ArrayDeque<AuditLine> pending = new ArrayDeque<>();
  private final List<FlushRequest> waiters = new ArrayList<>();
  private final List<ByteBuffer> segment = new ArrayList<>();
  private long seq;
  private String lastHash;
  private long durableSeq;
  private String durableHash;
  private boolean headDirty;
  private FileChannel channel;
  private long activeSize;
  private long activeFirstSeq;
  private boolean rotateBeforeNextWrite;
  private boolean partialWrite; // a write into the active file began and was not fsync'd
  private boolean closed;
  /** Set while records cannot be made durable; read by callers deciding to refuse new calls. */
  private volatile boolean dataFailing;
  private boolean headFailing;
  private boolean writerFailing;

  /**
   * Renders and hashes one sample record, written nowhere, so the classes of rendering (JSON values of
   * every kind, the hash) are loaded off the host's threads and the first real record does not wait for
   * them; AgentGuard calls it on its warm-up thread at start-up.
   */
  public static void warmUpRendering() {
    renderSample();
  }

  /** The sample record of {@link #warmUpRendering}, rendered as the first line of a plain SHA-256 chain. */
  static AuditLine renderSample() {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.put("to", "someone@example.com").put("count", 3).put("amount", 12.5).put("urgent", true).putNull("cc");
    params.putArray("tags").add("a").add(2);
    params.putObject("options").put("format", "html");
    AuditRecord sample = AuditRecord.builder().eventId("warm-up").timestampMillis(System.currentTimeMillis())
        .agentId("agent").userId("user").action("tool").method("Tool#call").parameters(() -> params)
        .decision("allow").outcome("success").guardrailsApplied(List.of("injection-input"))
        .findings(List.of("injection:to:model")).riskLevel("low").securityLevel(1).executionTimeMs(0.5)
        .outputSummary(() -> JsonNodeFactory.instance.stringNode("done")).build();
    return new AuditLineFormat().render(sample.completed(), 1, ChainHash.GENESIS, new ChainHash(null));
  }

  /**
   * Opens (or continues) the log at {@code config.file()} and starts the writer thread.
   *
   * @throws UncheckedIOException if the directory cannot be created or the existing log cannot be read
   */
  public static AuditWriter open(AuditConfig config) {
    return open(config, System.err);
  }

  static AuditWriter open(AuditConfig config, PrintStream diagnostics) {
    try {
      return new AuditWriter(config, diagnostics);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open audit log " + config.file() + ": "
          + describe(e, config.file()), e);
    }
  }

  private AuditWriter(AuditConfig config, PrintStream diagnostics) throws IOException {
    this.active = config.file().toAbsolutePath();
    this.headFile = AuditHead.pathFor(active);
    this.maxFileSize = config.maxFileSizeBytes();
    this.fsyncAlways = config.fsyncAlways();
    this.diagnostics = diagnostics;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.chain = new ChainHash(config.hmacKey());
    Files.createDirectories(active.getParent());
    recoverChain();
    writerThread = new Thread(this::runWriter, "agentguard-audit");
    writerThread.setDaemon(true);
    writerThread.start();
    shutdownHook = new Thread(this::close, "agentguard-audit-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: whoever opened us must close us
    }
  }

  /** Finds where the chain stands on disk (see the class comment) and repairs a torn last line. */
  private void recoverChain() throws IOException {
    AuditHead head = null;
    try {
      head = AuditHead.read(headFile);
    } catch (IOException e) {
      say(describe(e, null) + "; ignoring it");
    }
    if (head != null && !head.alg().equals(chain.algorithm())) {
      say(active + " was chained with " + head.alg() + ", now " + chain.algorithm()
          + ": starting a new file so that each file verifies with one key");
      rotateBeforeNextWrite = true;
      head = null;
    } else if (head != null && !head.macValid(chain)) {
      say(headFile + " does not match the configured HMAC key (the key changed, or the head was edited): "
          + "starting a new file");
      rotateBeforeNextWrite = true;
      head = null;
    }

    seq = 0;
    lastHash = ChainHash.GENESIS;
    if (Files.exists(active)) {
      AuditFiles.Tail tail = AuditFiles.readTail(active);
      if (tail.tornBytes() > 0) {
        try (FileChannel ch = FileChannel.open(active, StandardOpenOption.WRITE)) {
          ch.truncate(tail.completeLength());
          ch.force(false);
        }
        say(active + " ended with an incomplete line (" + tail.tornBytes()
            + " bytes, a write cut short by a crash); removed it, the chain continues after seq "
            + tail.lastSeq());
      }
      activeSize = tail.completeLength();
      activeFirstSeq = tail.firstSeq();
      if (tail.lastHash() != null) {
        seq = tail.lastSeq();
        lastHash = tail.lastHash();
      }
      if (tail.damaged() && activeSize > 0) {
        say(active + " holds lines that are not audit records: it is rotated away untouched for inspection");
        rotateBeforeNextWrite = true;
      }
    }
    if (seq == 0) {
      List<Path> rotated = AuditFiles.rotated(active);
      for (int i = rotated.size() - 1; i >= 0 && seq == 0; i--) {
        AuditFiles.Tail tail = AuditFiles.readTail(rotated.get(i));
        if (tail.lastHash() != null) {
          seq = tail.lastSeq();
          lastHash = tail.lastHash();
        }
      }
    }
    if (head != null && (head.seq() > seq || head.seq() == seq && !head.hash().equals(lastHash))) {
      say(active + " ends at seq " + seq + " but " + headFile.getFileName() + " records seq " + head.seq()
          + " (lines were removed or changed): the chain continues from the head, so audit verify will "
          + "show the break");
      seq = head.seq();
      lastHash = head.hash();
    }
    durableSeq = seq;
    durableHash = lastHash;
    publishedSeq = seq;
  }

  /**
   * Hands a record to the writer thread. Cheap: no rendering or hashing here. Blocks only while the queue is
   * full. Never throws; after {@link #close} the record is written on this thread.
   */
  public void append(AuditRecord record) {
    if (record == null) {
      return;
    }
    if (closing) {
      writeOnCaller(record);
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(record);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // never drop a record; keep the interrupt for the caller
      }
    }
    if (closing) {
      writeOnCaller(null); // the writer thread may have finished before our record landed
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns when every record appended before this call is on disk (or close gave up on a broken disk). */
  public void flush() {
    flush(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
  }

  /** Like {@link #flush()} but waits at most {@code timeout}; false if that was not enough. */
  public boolean flush(long timeout, TimeUnit unit) {
    if (closing) {
      writeOnCaller(null);
      return true;
    }
    FlushRequest request = new FlushRequest();
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(request);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (closing) {
      writeOnCaller(null);
    }
    long deadline = System.nanoTime() + Math.min(unit.toNanos(timeout), Long.MAX_VALUE / 4);
    boolean done = false;
    while (!done) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        done = request.done.await(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return done;
  }

  /**
   * Drains everything, fsyncs, stops the writer thread and releases the file. Waits at most about 30 s for a
   * failing disk, then reports on stderr how many records could not be written. Never throws.
   */
  @Override
  public void close() {
    long waitMs = TimeUnit.NANOSECONDS.toMillis(CLOSE_WAIT_NANOS) + 1000;
    boolean interrupted = false;
    // Not under `lock`: the writer may hold it while retrying a failing disk until it sees `closing`.
    if (!closeStarted.compareAndSet(false, true)) {
      try {
        closeFinished.await(waitMs, TimeUnit.MILLISECONDS); // a second closer (the shutdown hook) waits
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    closeDeadline = System.nanoTime() + CLOSE_WAIT_NANOS;
    closing = true;
    queue.offer(STOP); // wakes an idle writer; a full queue means it is busy and will see `closing`
    try {
      writerThread.join(waitMs);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    try {
      synchronized (lock) {
        drainQueueLocked();
        persistAndRelease(closeDeadline);
        closed = true;
        closeChannel();
        if (!pending.isEmpty()) {
          say(pending.size() + " audit records (seq " + pending.peekFirst().seq() + " to " + seq
              + ") could not be written to " + active);
        }
      }
    } catch (Throwable t) {
      say("error while closing: " + describe(t, null)); // close never throws: it runs in shutdown hooks
    }
    closeFinished.countDown();
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down; the hook will find us closed
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The seq of the last record handed to the file (written or pending); 0 if none yet. */
  /**
   * True while the log cannot be written (the writer is retrying). Guarded calls are then refused rather
   * than left to fill the queue and wait: their own records still fit in the queue and are written once
   * the disk recovers.
   */
  public boolean failing() {
    return dataFailing;
  }

  public long lastSeq() {
    return publishedSeq;
  }

  // ---- the writer thread ----

  private void runWriter() {
    List<Object> batch = new ArrayList<>(MAX_BATCH);
    boolean stop = false;
    while (true) {
      try {
        Object first = stop || closing ? queue.poll() : queue.take();
        if (first == null) {
          break; // closing and nothing left
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        synchronized (lock) {
          for (Object item : batch) {
            if (item == STOP) {
              stop = true;
            } else {
              accept(item);
            }
          }
          persistAndRelease(NO_DEADLINE);
        }
      } catch (InterruptedException e) {
        stop = true; // nobody but close() should stop us; drain what is there and end
      } catch (Throwable t) {
        // Keep going: losing the writer would block every tool call. Say it once, not once per batch.
        if (!writerFailing) {
          writerFailing = true;
          say("writer error: " + describe(t, null));
        }
      } finally {
        batch.clear();
      }
    }
  }

  /** Renders a record (seq and hash assigned here, in queue order) or registers a flush waiter. */
  private void accept(Object item) {
    if (item instanceof FlushRequest f) {
      waiters.add(f);
    } else if (item instanceof AuditRecord r) {
      try {
        AuditLine line = format.render(r.completed(), seq + 1, lastHash, chain); // deferred scans run here
        seq = line.seq();
        publishedSeq = seq;
        lastHash = line.hash();
        pending.addLast(line);
      } catch (Throwable t) {
        // Only a bug or an OutOfMemoryError gets here (field values cannot fail to render); keep the batch.
        say("cannot render the record of event " + r.eventId + ": " + t);
      }
    }
  }

  private void drainQueueLocked() {
    List<Object> rest = new ArrayList<>();
    queue.drainTo(rest);
    for (Object item : rest) {
      if (item != STOP) {
        accept(item);
      }
    }
  }

  /** After close: the caller's thread writes (and drains stragglers) itself; the JVM may be exiting. */
  private void writeOnCaller(AuditRecord record) {
    try {
      synchronized (lock) {
        drainQueueLocked();
        if (record != null) {
          accept(record);
        }
        persistAndRelease(System.nanoTime() + SYNC_WRITE_WAIT_NANOS);
        if (closed) {
          closeChannel();
        }
      }
    } catch (Throwable t) {
      say("cannot write after close: " + describe(t, null)); // never into the host's thread
    }
  }

  /** Makes pending lines durable (retrying until {@code deadline}), updates the head, releases flushers. */
  private void persistAndRelease(long deadline) {
    try {
      persistWithRetry(deadline, 50);
    } finally {
      writeHead();
      for (FlushRequest f : waiters) {
        f.done.countDown();
      }
      waiters.clear();
    }
  }

  private void persistWithRetry(long deadline, long initialBackoffMs) {
    long backoffMs = initialBackoffMs;
    boolean interrupted = false;
    while (!pending.isEmpty()) {
      try {
        persist();
        if (dataFailing) {
          dataFailing = false;
          say("writing " + active + " again");
        }
      } catch (Throwable e) { // an Error too (a LinkageError, OOM): retry, never let it reach a host thread
        closeChannel();
        if (!dataFailing) {
          dataFailing = true;
          say("cannot write " + active + ": " + describe(e, active) + " (" + pending.size()
              + " records waiting; retrying)");
        }
        long sleepMs = backoffMs;
        if (closing || deadline != NO_DEADLINE) {
          long now = System.nanoTime();
          long effective = deadline == NO_DEADLINE ? closeDeadline
              : closing ? earlier(deadline, closeDeadline) : deadline;
          if (now - effective >= 0) {
            break;
          }
          sleepMs = Math.min(backoffMs, TimeUnit.NANOSECONDS.toMillis(effective - now) + 1);
        }
        try {
          Thread.sleep(sleepMs);
        } catch (InterruptedException ie) {
          interrupted = true;
        }
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes pending lines file segment by file segment; a line leaves `pending` only once fsync'd. */
  private void persist() throws IOException {
    while (!pending.isEmpty()) {
      AuditLine first = pending.peekFirst();
      if (rotateBeforeNextWrite || maxFileSize > 0 && activeSize > 0
          && activeSize + first.utf8().length > maxFileSize) {
        rotate();
        continue;
      }
      openChannel();
      segment.clear();
      long size = activeSize;
      int count = 0;
      for (AuditLine line : pending) {
        if (count > 0 && (fsyncAlways || maxFileSize > 0 && size + line.utf8().length > maxFileSize)) {
          break;
        }
        segment.add(ByteBuffer.wrap(line.utf8()));
        size += line.utf8().length;
        count++;
      }
      ByteBuffer[] buffers = segment.toArray(new ByteBuffer[0]);
      long remaining = size - activeSize;
      partialWrite = true;
      while (remaining > 0) {
        remaining -= channel.write(buffers);
      }
      channel.force(false);
      partialWrite = false;
      activeSize = size;
      for (int i = 0; i < count; i++) {
        AuditLine done = pending.pollFirst();
        if (activeFirstSeq == 0) {
          activeFirstSeq = done.seq();
        }
        durableSeq = done.seq();
        durableHash = done.hash();
      }
      headDirty = true;
    }
  }

  private void openChannel() throws IOException {
    if (channel != null) {
      return;
    }
    FileChannel ch = FileChannel.open(active, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      long actual = ch.size();
      if (actual > activeSize && partialWrite) {
        ch.truncate(activeSize); // the remains of our failed write; those lines are still pending
      } else if (actual != activeSize) {
        // Someone else changed the file: never cut or append to bytes we cannot account for.
        ch.close();
        say(active + " changed outside the agent (" + actual + " bytes, expected " + activeSize
            + "): it is rotated away untouched and a new file continues the chain");
        rotate();
        ch = FileChannel.open(active, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      }
      partialWrite = false;
      ch.position(activeSize);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    channel = ch;
  }

  /** Renames the active file (if it has content) to the next {@code <file>.N}; the next write starts a new one. */
  private void rotate() throws IOException {
    if (channel != null) {
      channel.force(false);
      closeChannel();
    }
    if (Files.exists(active) && Files.size(active) > 0) {
      Path target = AuditFiles.nextRotated(active);
      try {
        Files.move(active, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(active, target);
      }
    }
    activeSize = 0;
    activeFirstSeq = 0;
    partialWrite = false;
    rotateBeforeNextWrite = false;
  }

  private void writeHead() {
    if (!headDirty) {
      return;
    }
    try {
      AuditHead.create(activeFirstSeq, durableSeq, durableHash, chain).write(headFile);
      headDirty = false;
      headFailing = false;
    } catch (Throwable e) {
      if (!headFailing) {
        headFailing = true;
        say("cannot update " + headFile + ": " + describe(e, headFile) + " (retrying after the next batch)");
      }
    }
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing left to do with it; the next write reopens the file
      }
      channel = null;
    }
  }

  private static long earlier(long a, long b) {
    return a - b < 0 ? a : b;
  }

  private void say(String message) {
    diagnostics.println("[agentguard] audit: " + message);
  }

  /**
   * One line about a failure: an I/O one in the words the configuration and the CLI use ({@link IoReason}),
   * naming its file unless it is {@code about}, the one the message names already ({@code null} for none);
   * anything else (an Error, a bug) with its class, which is the news there.
   */
  private static String describe(Throwable e, Path about) {
    if (e instanceof IOException io) {
      return IoReason.of(io, about);
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
