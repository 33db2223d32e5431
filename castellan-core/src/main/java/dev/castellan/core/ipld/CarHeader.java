package dev.castellan.core.ipld;

import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The CARv1 header (ipld.io/specs/transport/car/carv1): the DAG-CBOR map {@code {roots: [CID
 * links], version: 1}}.
 */
public record CarHeader(List<Cid> roots) {
  public static final int VERSION = 1;

  public CarHeader {
    roots = List.copyOf(roots);
  }

  /** The DAG-CBOR header block. */
  byte[] encode() throws IpldException {
    List<CborValue> links = new ArrayList<>(roots.size());
    for (Cid root : roots) {
      links.add(DagCbor.link(root));
    }
    return DagCbor.encode(CborMap.builder().put("roots", new CborArray(links)).put("version", VERSION).build());
  }

  /** Parses a header block; it MUST hold exactly {@code roots} and {@code version: 1}. */
  static CarHeader decode(byte[] block) throws IpldException {
    try {
      CborMap map = DagCbor.decode(block).asMap();
      if (map.size() != 2) {
        throw new IpldException("CAR header must hold exactly roots and version");
      }
      long version = map.require("version").asLong();
      if (version != VERSION) {
        throw new IpldException("unsupported CAR version " + version);
      }
      List<Cid> roots = new ArrayList<>();
      for (CborValue link : map.require("roots").asArray()) {
        roots.add(DagCbor.linkTarget(link));
      }
      return new CarHeader(roots);
    } catch (CborException e) {
      throw new IpldException("invalid CAR header: " + e.getMessage(), e);
    }
  }
}
