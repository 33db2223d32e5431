package dev.castellan.log;

import dev.castellan.core.ipld.CarWriter;
import dev.castellan.core.ipld.Cid;
import dev.castellan.core.ipld.IpldException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Export of a log's records as a CARv1 file (https://ipld.io/specs/transport/car/carv1/) with
 * core's {@link CarWriter}: the header's roots are the records' CIDs and the sections are the
 * records' exact bytes in log order, so any IPFS tool can import and pin them (seed 000's
 * private swarm). The header holds about 41 bytes per record: readers with a header limit
 * (core's {@code CarLimits.DEFAULT} is 1 MiB, about 25,000 roots) need it raised for large logs.
 */
public final class CarExport {
  private CarExport() {}

  /** Writes the records {@code [0, size)} of {@code log} to {@code out}; returns the count. */
  public static long write(LogReader log, long size, OutputStream out) throws IOException, LogException {
    List<Cid> roots = new ArrayList<>();
    for (long i = 0; i < size; i++) {
      roots.add(LogRecord.decode(log.recordBytes(i)).cidValue());
    }
    try {
      CarWriter car = CarWriter.create(out, roots);
      for (long i = 0; i < size; i++) {
        car.write(roots.get((int) i), log.recordBytes(i));
      }
      car.flush();
    } catch (IpldException e) {
      throw new LogException("cannot write the CAR file: " + e.getMessage(), e);
    }
    return size;
  }
}
