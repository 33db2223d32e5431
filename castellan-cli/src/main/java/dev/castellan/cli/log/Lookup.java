package dev.castellan.cli.log;

import dev.castellan.log.LogReader;
import dev.castellan.log.LogRecord;
import dev.castellan.log.RecordException;
import java.io.IOException;

/** Resolves an INDEX|CID argument. */
final class Lookup {
  private Lookup() {}

  static long index(LogReader log, String id) throws IOException {
    if (isIndex(id)) {
      long index = Long.parseLong(id);
      if (index >= log.size()) {
        throw new IllegalArgumentException("no record " + index + " (the log has " + log.size() + ")");
      }
      return index;
    }
    return log.indexOf(id).orElseThrow(() -> new IllegalArgumentException("no record with that CID in the log"));
  }

  /**
   * The record {@code id} names on a server. Its bytes must decode as a record, and when
   * looked up by CID they must hash to that CID: the server is not trusted to answer right.
   */
  static RemoteLog.Fetched fetch(RemoteLog remote, String id) throws IOException, RecordException {
    RemoteLog.Fetched found = isIndex(id)
        ? new RemoteLog.Fetched(Long.parseLong(id), remote.record(Long.parseLong(id)))
        : remote.find(id).orElseThrow(() -> new IllegalArgumentException("no record with that CID in the log"));
    LogRecord record = LogRecord.decode(found.bytes());
    if (!isIndex(id) && !record.cid().equals(id)) {
      throw new RecordException("the server answered with a record whose CID is not the one asked for");
    }
    return found;
  }

  private static boolean isIndex(String id) {
    return !id.isEmpty() && id.chars().allMatch(Character::isDigit) && id.length() <= 18;
  }
}
