package dev.likesbot.likes;

import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.Reply;
import dev.likesbot.library.LibraryReader;
import dev.likesbot.library.ReadListener;
import dev.likesbot.library.ReadStopped;
import dev.likesbot.text.Texts;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * /likes export: reads the whole library like /likes stats (same reader, same limits, same progress
 * in the reply), writing each page into a temporary file as it arrives, then DMs the file (it is
 * someone's whole library); only when the member's DMs are closed does it come to the interaction
 * instead, as ephemeral follow-ups under the answer. The file is deleted once the upload finished
 * or failed, and at a stop.
 */
public final class LikesExport implements AutoCloseable {
  static final String FORMAT = "format";
  static final String FILE = "liked-songs";
  static final String SENT = "likes.export.sent";
  static final String DM = "likes.export.dm";
  static final String HERE = "likes.export.here";
  static final String ALT = "likes.export.alt";

  private final LibraryReader reader;
  private final DirectMessenger dms;
  private final InstantSource clock;
  private final ScheduledExecutorService timer;
  private final long uploadLimit;
  private final ExportFiles files;

  /**
   * @param uploadLimit the most one message may upload (Discord's {@link
   *     UploadParts#DISCORD_LIMIT})
   * @param tempDir where the files are written while an export runs ({@code java.io.tmpdir})
   */
  public LikesExport(
      LibraryReader reader,
      DirectMessenger dms,
      InstantSource clock,
      ScheduledExecutorService timer,
      long uploadLimit,
      Path tempDir) {
    this.reader = reader;
    this.dms = dms;
    this.clock = clock;
    this.timer = timer;
    this.uploadLimit = uploadLimit;
    this.files = new ExportFiles(tempDir);
    files.removeLeftovers(clock.instant());
  }

  /** Starts the read and returns at once; the file follows when the read ends. */
  CompletionStage<?> answer(CommandCall call) {
    Texts texts = call.texts();
    SongsFile.Format format = SongsFile.Format.of(call.stringOption(FORMAT).orElse(null));
    ExportFiles.Batch batch = files.batch();
    Path path;
    OutputStream out;
    try {
      path = batch.create("." + format.extension());
      out = new BufferedOutputStream(Files.newOutputStream(path));
    } catch (IOException e) {
      batch.close();
      return CompletableFuture.failedFuture(e);
    }
    ProgressEdits edits = new ProgressEdits(call::progress, clock, ProgressEdits.Later.on(timer));
    Writing writing =
        new Writing(
            new LikesStats.ShownProgress(texts, edits, true, clock), format, path, out, batch);
    return reader
        .read(call.userId(), writing.listener)
        .handle(
            (snapshot, failure) -> {
              edits.close();
              if (failure == null) {
                return deliver(call, texts, writing);
              }
              writing.abandon();
              Throwable cause =
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              if (cause instanceof ReadStopped stopped) {
                call.reply(Reply.privately(LikesStats.stopped(texts, stopped)));
                return CompletableFuture.completedFuture(null);
              }
              throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            })
        .thenCompose(sent -> sent)
        .whenComplete((ok, e) -> batch.close());
  }

  private CompletableFuture<?> deliver(CommandCall call, Texts texts, Writing writing) {
    int songs = writing.file.rows();
    writing.file.finish();
    if (songs == 0) {
      call.reply(Reply.privately(texts.get(LikesStats.EMPTY)));
      return CompletableFuture.completedFuture(null);
    }
    String name = FILE + "." + writing.format.extension();
    List<List<Reply.Attachment>> messages;
    try {
      messages =
          UploadParts.of(name, writing.path, texts.get(ALT, songs), uploadLimit, writing.batch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dm(call.userId(), messages, texts.get(SENT, songs), 0)
        .thenCompose(
            delivery -> {
              if (delivery == DirectMessenger.Delivery.SENT) {
                call.reply(Reply.privately(texts.get(DM, songs)));
                return CompletableFuture.completedFuture(null);
              }
              // An interaction takes one answer: the files follow it, every message in order.
              call.reply(Reply.privately(texts.get(HERE, songs)));
              return followUps(call, messages, 0);
            });
  }

  /** Sends the messages in order; DMs closed at the first means none went. */
  private CompletableFuture<DirectMessenger.Delivery> dm(
      String member, List<List<Reply.Attachment>> messages, String text, int index) {
    Reply message = withFiles(Reply.publicly(index == 0 ? text : ""), messages.get(index));
    return dms.send(member, message)
        .thenCompose(
            delivery ->
                delivery == DirectMessenger.Delivery.SENT && index + 1 < messages.size()
                    ? dm(member, messages, text, index + 1)
                    : CompletableFuture.completedFuture(delivery));
  }

  /** Sends every message as an ephemeral follow-up, each once the one before arrived. */
  private static CompletableFuture<Void> followUps(
      CommandCall call, List<List<Reply.Attachment>> messages, int index) {
    if (index == messages.size()) {
      return CompletableFuture.completedFuture(null);
    }
    return call.followUp(withFiles(Reply.privately(""), messages.get(index)))
        .thenCompose(sent -> followUps(call, messages, index + 1));
  }

  private static Reply withFiles(Reply reply, List<Reply.Attachment> files) {
    Reply with = reply;
    for (Reply.Attachment file : files) {
      with = with.withFile(file);
    }
    return with;
  }

  /** The temporary files exports hold now, for tests that check none is left behind. */
  public List<Path> temporaryFiles() {
    return files.held();
  }

  /** Deletes the files of exports still running: they are abandoned at a stop. */
  @Override
  public void close() {
    files.close();
  }

  /** Shows the progress as stats does and writes each page into the file as it arrives. */
  private static final class Writing {
    private final ReadListener listener;
    private final SongsFile.Format format;
    private final Path path;
    private final OutputStream out;
    private final ExportFiles.Batch batch;
    private final SongsFile file;

    Writing(
        ReadListener progress,
        SongsFile.Format format,
        Path path,
        OutputStream out,
        ExportFiles.Batch batch) {
      this.format = format;
      this.path = path;
      this.out = out;
      this.batch = batch;
      this.file = SongsFile.start(format, out);
      this.listener = progress.withSongs(file::write);
    }

    /** Closes the file unfinished: the read failed. */
    void abandon() {
      try {
        out.close();
      } catch (IOException e) {
        // deleted next anyway
      }
    }
  }
}
