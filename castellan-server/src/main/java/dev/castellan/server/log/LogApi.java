package dev.castellan.server.log;

import dev.castellan.core.bytes.Hex;
import dev.castellan.log.AppendReceipt;
import dev.castellan.log.LogException;
import dev.castellan.log.LogOverloadedException;
import dev.castellan.log.LogRecord;
import dev.castellan.log.RecordException;
import dev.castellan.log.TransparencyLog;
import dev.castellan.log.merkle.InclusionProof;
import dev.castellan.server.auth.Authorizer;
import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Request;
import dev.castellan.server.http.Response;
import dev.castellan.server.http.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The transparency log over HTTP (see docs/http-api.md, "The log"). Appends take complete
 * signed records and need the {@code log:append} scope: the server checks the record's
 * signature but never signs data for callers. Reads serve exact stored bytes, so anyone can re-verify offline.
 */
public final class LogApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How long an append may wait for durability before the client gets a 503. */
  private static final long APPEND_TIMEOUT_SECONDS = 10;
  /** The response header of {@code GET /v1/log/records/{index|cid}} that names the record's index. */
  public static final String INDEX_HEADER = "Log-Index";
  private static final Pattern INDEX = Pattern.compile("[0-9]{1,18}");
  private static final Pattern TILE_PATH = Pattern.compile("(tile/[0-9]+/(x[0-9]{3}/)*[0-9]{3}(\\.p/[0-9]{1,3})?|tile/entries/(x[0-9]{3}/)*[0-9]{3}(\\.p/[0-9]{1,3})?)");

  private final TransparencyLog log;
  private final Path tiles;
  private final Authorizer authorizer;
  private long tilesWrittenForSize = -1;

  /**
   * {@code tiles} is where the C2SP tlog-tiles files are written for serving; {@code
   * authorizer} decides who may append ({@value #APPEND_SCOPE}). Reads are public.
   */
  public LogApi(TransparencyLog log, Path tiles, Authorizer authorizer) {
    this.log = log;
    this.tiles = tiles;
    this.authorizer = authorizer;
  }

  /** The scope an append needs. */
  public static final String APPEND_SCOPE = "log:append";

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/log/records", LogRecord.MAX_ENCODED_BYTES, this::append),
        Route.get("/v1/log/checkpoint", r -> Response.bytes(200, "text/plain; charset=utf-8", log.checkpoint().note())),
        Route.get("/v1/log/key", r -> Response.text(200, log.checkpointVerifier().vkey() + "\n")),
        Route.getUnder("/v1/log/records/", this::record),
        Route.get("/v1/log/proof/inclusion", this::inclusion),
        Route.get("/v1/log/proof/consistency", this::consistency),
        Route.getUnder("/v1/log/tile/", this::tile));
  }

  private Response append(Request request) throws Exception {
    authorizer.authorize(request, APPEND_SCOPE);
    LogRecord record;
    try {
      record = LogRecord.decode(request.body());
      record.verifySignature();
    } catch (RecordException e) {
      throw HttpError.badRequest("not a valid signed record: " + e.getMessage());
    }
    return Response.json(200, JSON.writeValueAsBytes(receiptJson(appendDurably(log, record))));
  }

  /**
   * Appends {@code record} and waits until it is durable and proven under a checkpoint; a
   * log that cannot take it in time is a 503 with {@code Retry-After}.
   */
  public static AppendReceipt appendDurably(TransparencyLog log, LogRecord record) throws Exception {
    try {
      return log.appendAndProve(record).get(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw HttpError.overloaded(1);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LogOverloadedException) {
        throw HttpError.overloaded(1);
      }
      throw e;
    }
  }

  /** The append receipt as docs/http-api.md gives it: cid, index, duplicate, treeSize, checkpoint, inclusionProof. */
  public static ObjectNode receiptJson(AppendReceipt receipt) {
    ObjectNode body = JSON.createObjectNode();
    body.put("cid", receipt.result().cid());
    body.put("index", receipt.result().index());
    body.put("duplicate", receipt.result().duplicate());
    body.put("treeSize", receipt.checkpoint().checkpoint().size());
    body.put("checkpoint", receipt.checkpoint().noteText());
    hashes(body.putArray("inclusionProof"), receipt.inclusionProof());
    return body;
  }

  private Response record(Request request) throws Exception {
    String id = request.path().substring("/v1/log/records/".length());
    long index;
    if (INDEX.matcher(id).matches()) {
      index = Long.parseLong(id);
    } else {
      OptionalLong found = id.length() <= 128 ? log.indexOf(id) : OptionalLong.empty();
      if (found.isEmpty()) {
        throw HttpError.notFound("no record with that index or CID");
      }
      index = found.getAsLong();
    }
    if (index >= log.size()) {
      throw HttpError.notFound("no record " + index + " in a log of " + log.size() + " records");
    }
    // The index travels in a header so that a lookup by CID needs one round trip.
    return new Response(200, "application/cbor", Map.of(INDEX_HEADER, Long.toString(index)), log.recordBytes(index));
  }

  private Response inclusion(Request request) throws Exception {
    long size = parameter(request, "size", log.checkpoint().checkpoint().size());
    long index = parameter(request, "index", -1);
    if (index < 0 || index >= size || size > log.checkpoint().checkpoint().size()) {
      throw HttpError.badRequest("need 0 <= index < size <= the checkpoint size " + log.checkpoint().checkpoint().size());
    }
    byte[] leafHash = log.leafHash(index);
    List<byte[]> proof = log.inclusionProof(index, size);
    // The same object as `castellan log proof --json` (docs/log.md, "JSON"); the root is the
    // one the proof leads to, so a client that trusts a checkpoint of this size compares it.
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "inclusion");
    body.put("index", index);
    body.put("treeSize", size);
    body.put("leafHash", Hex.encode(leafHash));
    body.put("rootHash", Hex.encode(InclusionProof.rootFromProof(index, size, leafHash, proof)));
    hashes(body.putArray("hashes"), proof);
    return Response.json(200, JSON.writeValueAsBytes(body));
  }

  private Response consistency(Request request) throws Exception {
    long latest = log.checkpoint().checkpoint().size();
    long from = parameter(request, "from", -1);
    long to = parameter(request, "to", latest);
    if (from < 1 || from > to || to > latest) {
      throw HttpError.badRequest("need 1 <= from <= to <= the checkpoint size " + latest);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "consistency");
    body.put("from", from);
    body.put("to", to);
    hashes(body.putArray("hashes"), log.consistencyProof(from, to));
    return Response.json(200, JSON.writeValueAsBytes(body));
  }

  private Response tile(Request request) throws Exception {
    String relative = request.path().substring("/v1/log/".length());
    if (!TILE_PATH.matcher(relative).matches()) {
      throw HttpError.notFound("not a tile path");
    }
    refreshTiles();
    Path file = tiles.resolve(relative).normalize();
    if (!file.startsWith(tiles) || !Files.isRegularFile(file)) {
      throw HttpError.notFound("no such tile");
    }
    return Response.bytes(200, "application/octet-stream", Files.readAllBytes(file));
  }

  /** Tiles are written lazily, once per new checkpoint size. */
  private synchronized void refreshTiles() throws IOException, LogException {
    long size = log.checkpoint().checkpoint().size();
    if (size != tilesWrittenForSize) {
      log.writeTiles(tiles);
      tilesWrittenForSize = size;
    }
  }

  private static long parameter(Request request, String name, long fallback) throws HttpError {
    String value = request.queryParameter(name).orElse(null);
    if (value == null) {
      if (fallback < 0) {
        throw HttpError.badRequest("query parameter '" + name + "' is required");
      }
      return fallback;
    }
    if (!INDEX.matcher(value).matches()) {
      throw HttpError.badRequest("'" + name + "' must be a non-negative integer");
    }
    return Long.parseLong(value);
  }

  private static void hashes(ArrayNode array, List<byte[]> hashes) {
    hashes.forEach(h -> array.add(Hex.encode(h)));
  }
}
