package dev.castellan.keys.kms;

import java.net.URI;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One signed AWS JSON 1.1 request, exactly as it goes on the wire: {@code POST /} to the
 * endpoint with these headers (lower-case names, all signed except {@code authorization}) and
 * this body. {@link #toString()} omits the headers and the body.
 */
public record KmsRequest(URI endpoint, String operation, SortedMap<String, String> headers, byte[] body) {
  public KmsRequest {
    headers = Collections.unmodifiableSortedMap(new TreeMap<>(headers));
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return "KmsRequest[" + operation + " to " + endpoint + ", " + body.length + " bytes]";
  }
}
