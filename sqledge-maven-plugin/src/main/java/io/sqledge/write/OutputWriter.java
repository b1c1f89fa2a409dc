package io.sqledge.write;

import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Replaces the output directory with new contents all at once, or not at all.
 *
 * <p>The files are written into a staging directory beside the output directory as they are
 * made ({@link #stage}), so that a fleet of thousands of instances never holds more than one
 * instance's files in memory, and swapped in with two renames on {@link Staging#commit}. A reader
 * (or a later apply) never sees a mix of old and new files, and a failure, or a run that ends
 * without committing, leaves the old directory as it was. A lock file beside the directory
 * serialises builds that generate into the same place. When the directory already holds exactly
 * the new contents, nothing in it is touched.
 *
 * <p>Beside the directory, a record ({@code .<name>.inputs}) keeps the key of the inputs the files
 * were made from, each file's SHA-256 and the caller's notes (one line each), so that a later run
 * with the same inputs can tell, without rendering, that the directory still holds their output,
 * and get the notes back ({@link #recordedNotes}).
 */
public final class OutputWriter {

  private OutputWriter() {}

  /** What a write did. */
  public record Result(Path directory, boolean upToDate) {}

  /**
   * One lock per output directory within this JVM (a multi-module build with {@code -T} runs
   * goals in threads); the file lock below serialises separate Maven processes. Java refuses a
   * second file lock on the same file from one JVM, hence both.
   */
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  /**
   * Starts writing new contents for {@code directory}: holds its locks until the staging is
   * closed, which throws the staged files away unless they were committed.
   */
  public static Staging stage(Path directory) throws SqledgeException {
    Path target = directory.toAbsolutePath().normalize();
    Held held = null;
    try {
      held = Held.lock(target);
      Path staging = target.resolveSibling("." + target.getFileName() + ".staging-"
          + UUID.randomUUID());
      Files.createDirectory(staging);
      return new Staging(target, staging, held);
    } catch (IOException | UncheckedIOException e) {
      if (held != null) {
        held.close();
      }
      throw failure(target, e);
    }
  }

  private static SqledgeException failure(Path target, Exception e) {
    return new SqledgeException("sqledge: writing the manifests failed; " + target
        + " is unchanged", List.of(Problem.error(Origin.file(target.toString()), "",
        e.getClass().getSimpleName() + ": " + e.getMessage(),
        "check that the directory is writable and the disk has space")), e);
  }

  /**
   * New contents for an output directory, written into a staging directory beside it as they
   * come. A file equal to the one the directory holds is only compared, not written, until the
   * first difference: an unchanged output (a forced run, an edited comment) costs reads only.
   * Not thread-safe.
   */
  public static final class Staging implements AutoCloseable {

    private final Path target;
    private final Path staging;
    private final Held held;
    /** Every file's SHA-256, by its path in the directory. */
    private final Map<String, String> hashes = new TreeMap<>();
    /** Files found equal in the directory and not (yet) written to the staging directory. */
    private final List<String> sameAsTarget = new ArrayList<>();
    private final List<Appender> appenders = new ArrayList<>();
    /** Each directory is made once: on some disks a mkdir that finds it costs as much as one. */
    private final Set<Path> made = new HashSet<>();
    private boolean differs;
    private boolean committed;

    private Staging(Path target, Path staging, Held held) {
      this.target = target;
      this.staging = staging;
      this.held = held;
    }

    /** Adds a file ({@code /}-separated path in the directory) with this text. */
    public void file(String path, String content) throws SqledgeException {
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      add(path, sha256(bytes));
      try {
        if (!differs) {
          Path existing = target.resolve(path);
          if (Files.isRegularFile(existing) && Arrays.equals(Files.readAllBytes(existing), bytes)) {
            sameAsTarget.add(path);
            return;
          }
          stageUnchanged();
        }
        Files.write(staged(path), bytes);
      } catch (IOException | UncheckedIOException e) {
        throw failure(target, e);
      }
    }

    /**
     * Adds a file whose text is appended piece by piece (the combined file of a fleet would be
     * tens of megabytes as one string). It is always written to the staging directory and
     * compared on commit.
     */
    public Appender appender(String path) throws SqledgeException {
      try {
        Appender appender = new Appender(path, staged(path));
        appenders.add(appender);
        add(path, "");
        return appender;
      } catch (IOException | UncheckedIOException e) {
        throw failure(target, e);
      }
    }

    private void add(String path, String hash) {
      if (hashes.put(path, hash) != null) {
        throw new IllegalArgumentException(path + " is written twice");
      }
    }

    private Path staged(String path) throws IOException {
      Path file = staging.resolve(path);
      if (made.add(file.getParent())) {
        Files.createDirectories(file.getParent());
      }
      return file;
    }

    /** Writes the files so far found unchanged into the staging directory: it must hold all. */
    private void stageUnchanged() throws IOException {
      differs = true;
      for (String path : sameAsTarget) {
        Files.copy(target.resolve(path), staged(path));
      }
      sameAsTarget.clear();
    }

    /**
     * Makes the staged files the directory's contents (unless it holds them already) and records
     * that they are the output of the inputs with key {@code inputsKey} (none when empty), with
     * {@code notes}.
     */
    public Result commit(String inputsKey, List<String> notes) throws SqledgeException {
      try {
        for (Appender appender : appenders) {
          hashes.put(appender.path, appender.finish());
          Path existing = target.resolve(appender.path);
          if (!differs && (!Files.isRegularFile(existing)
              || Files.mismatch(appender.file, existing) != -1)) {
            stageUnchanged();
          }
        }
        if (!differs && filesIn(target).keySet().equals(hashes.keySet())) {
          recordInputs(target, hashes, inputsKey, notes);
          committed = true;
          return new Result(target, true);
        }
        stageUnchanged();
        // A crash between the swap and the new record must not leave the old record claiming
        // the new files (their hashes would not match anyway; this keeps the record honest).
        Files.deleteIfExists(inputsRecord(target));
        swap(staging, target);
        committed = true;
        recordInputs(target, hashes, inputsKey, notes);
        return new Result(target, false);
      } catch (IOException | UncheckedIOException e) {
        throw failure(target, e);
      }
    }

    /** Throws away whatever was staged and not committed, and releases the locks. */
    @Override
    public void close() throws SqledgeException {
      try {
        for (Appender appender : appenders) {
          appender.out.close();
        }
        deleteRecursively(staging);
      } catch (IOException | UncheckedIOException e) {
        if (!committed) {
          throw failure(target, e);
        }
      } finally {
        held.close();
      }
    }

    /** A staged file written in pieces, hashed as it goes. */
    public final class Appender {

      private final String path;
      private final Path file;
      private final OutputStream out;
      private final MessageDigest digest = sha256();

      private Appender(String path, Path file) throws IOException {
        this.path = path;
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      }

      public void append(String text) throws SqledgeException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
          out.write(bytes);
        } catch (IOException e) {
          throw failure(target, e);
        }
        digest.update(bytes);
      }

      private String finish() throws IOException {
        out.close();
        return HexFormat.of().formatHex(digest.digest());
      }
    }
  }

  /** The locks on one output directory, held until closed. */
  private static final class Held implements AutoCloseable {

    private final ReentrantLock inProcess;
    private final FileChannel channel;

    private Held(ReentrantLock inProcess, FileChannel channel) {
      this.inProcess = inProcess;
      this.channel = channel;
    }

    static Held lock(Path target) throws IOException {
      ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(target, path -> new ReentrantLock());
      inProcess.lock();
      FileChannel channel = null;
      try {
        Files.createDirectories(target.getParent());
        channel = FileChannel.open(target.resolveSibling("." + target.getFileName() + ".lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock();
        return new Held(inProcess, channel);
      } catch (IOException | RuntimeException e) {
        if (channel != null) {
          channel.close();
        }
        inProcess.unlock();
        throw e;
      }
    }

    /** Closing the channel releases the file lock. */
    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // The lock went with the channel whether or not the close reported a problem.
      } finally {
        inProcess.unlock();
      }
    }
  }

  /**
   * The notes recorded with the files last written for the inputs with key {@code inputsKey},
   * when {@code directory} still holds those files unchanged: the record beside it names that
   * key, and every file listed there is present, with the same SHA-256, and no other. Empty
   * otherwise.
   */
  public static Optional<List<String>> recordedNotes(Path directory, String inputsKey) {
    Path target = directory.toAbsolutePath().normalize();
    if (!Files.isRegularFile(inputsRecord(target))) {
      return Optional.empty();
    }
    try {
      // Under the locks: another run may be swapping the directory right now.
      Held held = Held.lock(target);
      try {
        return notesIfUnchanged(target, inputsKey);
      } finally {
        held.close();
      }
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  private static Optional<List<String>> notesIfUnchanged(Path target, String inputsKey)
      throws IOException {
    List<String> record = Files.readAllLines(inputsRecord(target), StandardCharsets.UTF_8);
    if (record.isEmpty() || !record.get(0).equals("inputs " + inputsKey)
        || !Files.isDirectory(target)) {
      return Optional.empty();
    }
    Map<String, String> recorded = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    for (String line : record.subList(1, record.size())) {
      if (line.startsWith(NOTE)) {
        notes.add(line.substring(NOTE.length()));
        continue;
      }
      int space = line.indexOf(' ');
      recorded.put(line.substring(space + 1), line.substring(0, space));
    }
    Map<String, Path> present = filesIn(target);
    if (!present.keySet().equals(recorded.keySet())) {
      return Optional.empty();
    }
    for (Map.Entry<String, Path> file : present.entrySet()) {
      if (!sha256(Files.readAllBytes(file.getValue())).equals(recorded.get(file.getKey()))) {
        return Optional.empty();
      }
    }
    return Optional.of(notes);
  }

  /** A note's line in the record; a file's line starts with its hash, never with this. */
  private static final String NOTE = "note ";

  private static Path inputsRecord(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".inputs");
  }

  private static void recordInputs(Path target, Map<String, String> hashes, String inputsKey,
      List<String> notes) throws IOException {
    Path record = inputsRecord(target);
    if (inputsKey.isEmpty()) {
      Files.deleteIfExists(record);
      return;
    }
    StringBuilder text = new StringBuilder("inputs ").append(inputsKey).append('\n');
    new TreeMap<>(hashes).forEach((path, hash) ->
        text.append(hash).append(' ').append(path).append('\n'));
    for (String note : notes) {
      if (note.contains("\n") || note.contains("\r")) {
        throw new IllegalArgumentException("a note is one line");
      }
      text.append(NOTE).append(note).append('\n');
    }
    Path staging = record.resolveSibling(record.getFileName() + "." + UUID.randomUUID());
    Files.writeString(staging, text, StandardCharsets.UTF_8);
    move(staging, record);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void swap(Path staging, Path target) throws IOException {
    if (!Files.exists(target)) {
      move(staging, target);
      return;
    }
    Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
    move(target, old);
    try {
      move(staging, target);
    } catch (IOException e) {
      move(old, target);
      throw e;
    }
    deleteRecursively(old);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** The regular files under {@code directory}, by their path relative to it ({@code /}-separated). */
  private static Map<String, Path> filesIn(Path directory) throws IOException {
    Map<String, Path> present = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        // Apply's connection file is not generate's output (ConnectionFile).
        if (Files.isRegularFile(path) && !path.getFileName().toString().equals(ConnectionFile.NAME)) {
          present.put(directory.relativize(path).toString().replace('\\', '/'), path);
        }
      }
    }
    return present;
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.forEach(paths::add);
    }
    paths.sort(Comparator.reverseOrder());
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
