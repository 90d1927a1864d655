package dev.likesbot.likes;

import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.Reply;
import dev.likesbot.library.LibraryReader;
import dev.likesbot.library.LikedSong;
import dev.likesbot.library.ReadListener;
import dev.likesbot.library.ReadProgress;
import dev.likesbot.library.ReadStopped;
import dev.likesbot.text.Texts;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * /likes export: reads the whole library like /likes stats (same reader, same limits, same progress
 * in the reply), writing each page into the file as it arrives, then DMs the file (it is someone's
 * whole library); only when the member's DMs are closed does it come as an ephemeral reply instead.
 */
public final class LikesExport {
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

  /**
   * @param uploadLimit the most one message may upload (Discord's {@link
   *     UploadParts#DISCORD_LIMIT})
   */
  public LikesExport(
      LibraryReader reader,
      DirectMessenger dms,
      InstantSource clock,
      ScheduledExecutorService timer,
      long uploadLimit) {
    this.reader = reader;
    this.dms = dms;
    this.clock = clock;
    this.timer = timer;
    this.uploadLimit = uploadLimit;
  }

  /** Starts the read and returns at once; the file follows when the read ends. */
  CompletionStage<?> answer(CommandCall call) {
    Texts texts = call.texts();
    SongsFile.Format format = SongsFile.Format.of(call.stringOption(FORMAT).orElse(null));
    ProgressEdits edits = new ProgressEdits(call::progress, clock, ProgressEdits.Later.on(timer));
    Writing writing = new Writing(new LikesStats.ShownProgress(texts, edits, true, clock), format);
    return reader
        .read(call.userId(), writing)
        .handle(
            (snapshot, failure) -> {
              edits.close();
              if (failure == null) {
                return deliver(call, texts, writing);
              }
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
        .thenCompose(sent -> sent);
  }

  private CompletableFuture<?> deliver(CommandCall call, Texts texts, Writing writing) {
    int songs = writing.file.rows();
    if (songs == 0) {
      call.reply(Reply.privately(texts.get(LikesStats.EMPTY)));
      return CompletableFuture.completedFuture(null);
    }
    String name = FILE + "." + writing.format.extension();
    List<List<Reply.Attachment>> messages =
        UploadParts.of(
            name, writing.file.finish(), texts.get(ALT, texts.number(songs)), uploadLimit);
    String count = texts.number(songs);
    return dm(call.userId(), messages, texts.get(SENT, count), 0)
        .thenAccept(
            delivery -> {
              if (delivery == DirectMessenger.Delivery.SENT) {
                call.reply(Reply.privately(texts.get(DM, count)));
              } else {
                // An interaction takes one answer: a file cut into several messages only fits
                // the DMs, so the first message's files come here.
                call.reply(withFiles(Reply.privately(texts.get(HERE, count)), messages.get(0)));
              }
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

  private static Reply withFiles(Reply reply, List<Reply.Attachment> files) {
    Reply with = reply;
    for (Reply.Attachment file : files) {
      with = with.withFile(file);
    }
    return with;
  }

  /** Shows the progress as stats does and writes each page into the file as it arrives. */
  private static final class Writing implements ReadListener {
    private final ReadListener progress;
    private final SongsFile.Format format;
    private final SongsFile file;

    Writing(ReadListener progress, SongsFile.Format format) {
      this.progress = progress;
      this.format = format;
      this.file = SongsFile.start(format);
    }

    @Override
    public void progress(ReadProgress p) {
      progress.progress(p);
    }

    @Override
    public void songs(int from, List<LikedSong> songs) {
      file.write(songs);
    }
  }
}
