package dev.castellan.server.ra;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code POST /ra/generate} stands ({@code GET /ra/generate/status}): one job at a time.
 *
 * @param state {@code idle} (never started), {@code running}, {@code done} (every file handled;
 *     {@code failed} counts those that could not be) or {@code failed} (the job itself failed,
 *     e.g. the store could not be flushed)
 * @param path the job's path relative to the root ({@code ""} for the root)
 * @param total files found under the path
 * @param done files hashed, proved, attested and stored
 * @param failed files that could not be (each in {@code errors}, the first {@value #MAX_ERRORS})
 * @param skipped entries that are not regular files (symbolic links, devices, sockets), never followed
 */
public record GenerateStatus(String state, String path, int total, int done, int failed, int skipped,
    Optional<Instant> startedAt, Optional<Instant> finishedAt, List<FileError> errors) {
  public static final int MAX_ERRORS = 20;

  public GenerateStatus {
    errors = List.copyOf(errors);
  }

  static GenerateStatus idle() {
    return new GenerateStatus("idle", "", 0, 0, 0, 0, Optional.empty(), Optional.empty(), List.of());
  }

  public boolean running() {
    return state.equals("running");
  }

  /** One file that could not be handled; the reason names no secret. */
  public record FileError(String path, String reason) {}
}
