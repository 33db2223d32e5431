package dev.castellan.bench.cbor;

import com.upokecenter.cbor.CBORObject;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode of two shapes: a signed log record ({@code {data, signature, pubkey}}
 * with a small text-keyed body) and a Nitro-attestation-sized document (16 PCRs of 48 bytes,
 * a certificate and a 4-certificate bundle). Baseline: com.upokecenter:cbor in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CborBenchmark {
  @Param({"record", "nitro"})
  public String shape;

  private CborValue value;
  private byte[] encoded;
  private CBORObject baselineValue;

  @Setup
  public void setup() throws CborException {
    value = shape.equals("record") ? record() : nitro();
    encoded = Cbor.encode(value);
    baselineValue = CBORObject.DecodeFromBytes(encoded);
  }

  @Benchmark
  public byte[] encode() {
    return Cbor.encode(value);
  }

  @Benchmark
  public CborValue decodeDeterministic() throws CborException {
    return Cbor.decode(encoded, CborLimits.DETERMINISTIC);
  }

  @Benchmark
  public CborValue decodeWellFormed() throws CborException {
    return Cbor.decode(encoded, CborLimits.WELL_FORMED);
  }

  @Benchmark
  public byte[] baselineEncode() {
    return baselineValue.EncodeToBytes();
  }

  @Benchmark
  public CBORObject baselineDecode() {
    return CBORObject.DecodeFromBytes(encoded);
  }

  static CborValue record() {
    CborMap data = CborMap.builder().put("kind", "sign").put("subject", "urn:castellan:oracle")
        .put("sequence", 123456).put("time", 1_763_700_000L).put("digest", CborValue.of(new byte[32])).build();
    return CborMap.builder().put("data", data).put("signature", CborValue.of(new byte[64]))
        .put("pubkey", CborValue.of(new byte[32])).build();
  }

  private static CborValue nitro() {
    CborMap.Builder pcrs = CborMap.builder();
    for (int i = 0; i < 16; i++) {
      pcrs.put(i, CborValue.of(new byte[48]));
    }
    List<CborValue> bundle = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bundle.add(CborValue.of(new byte[600]));
    }
    return CborMap.builder().put("module_id", "i-0123456789abcdef0-enc0123456789abcdef")
        .put("digest", "SHA384").put("timestamp", 1_763_700_000_000L).put("pcrs", pcrs.build())
        .put("certificate", CborValue.of(new byte[640])).put("cabundle", new CborArray(bundle))
        .put("public_key", CborValue.of(new byte[97])).put("user_data", CborValue.of(new byte[48]))
        .put("nonce", CborValue.of(new byte[32])).build();
  }
}
