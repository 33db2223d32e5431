package dev.castellan.authority.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * At most {@code perWindow} events per key per fixed window, counting what is over. At most
 * {@code maxKeys} keys are tracked; when that many are and none has a closed window to forget,
 * new keys share the one key {@value #OVERFLOW}, so memory stays bounded whatever keys come.
 */
final class WindowCounter {
  static final String OVERFLOW = "overflow";

  /** Events over the bound in one closed window of {@code key}, which began at {@code windowStart}. */
  record Dropped(String key, Instant windowStart, long count) {}

  /** Whether this event is within the bound, and any drop counts of windows that closed. */
  record Outcome(boolean allowed, String key, List<Dropped> closed) {}

  private static final class Slot {
    long window;
    int used;
    long dropped;
  }

  private final int perWindow;
  private final long windowSeconds;
  private final int maxKeys;
  private final Map<String, Slot> slots = new LinkedHashMap<>();

  WindowCounter(int perWindow, Duration window, int maxKeys) {
    if (perWindow < 1 || maxKeys < 1 || window.getSeconds() < 1) {
      throw new IllegalArgumentException("bounds must be positive");
    }
    this.perWindow = perWindow;
    this.windowSeconds = window.getSeconds();
    this.maxKeys = maxKeys;
  }

  synchronized Outcome acquire(String key, Instant now) {
    long window = Math.floorDiv(now.getEpochSecond(), windowSeconds);
    List<Dropped> closed = new ArrayList<>();
    if (!slots.containsKey(key) && slots.size() >= maxKeys) {
      forgetClosed(window, closed);
      if (slots.size() >= maxKeys) {
        key = OVERFLOW;
      }
    }
    Slot slot = slots.computeIfAbsent(key, k -> newSlot(window));
    if (slot.window != window) {
      if (slot.dropped > 0) {
        closed.add(new Dropped(key, start(slot.window), slot.dropped));
      }
      slot.window = window;
      slot.used = 0;
      slot.dropped = 0;
    }
    boolean allowed = slot.used < perWindow;
    if (allowed) {
      slot.used++;
    } else {
      slot.dropped++;
    }
    return new Outcome(allowed, key, closed);
  }

  /** Every drop count not reported yet (also of the running windows), forgetting them. */
  synchronized List<Dropped> drain() {
    List<Dropped> out = new ArrayList<>();
    slots.forEach((key, slot) -> {
      if (slot.dropped > 0) {
        out.add(new Dropped(key, start(slot.window), slot.dropped));
        slot.dropped = 0;
      }
    });
    return out;
  }

  private void forgetClosed(long window, List<Dropped> closed) {
    for (Iterator<Map.Entry<String, Slot>> it = slots.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Slot> e = it.next();
      if (e.getValue().window != window) {
        if (e.getValue().dropped > 0) {
          closed.add(new Dropped(e.getKey(), start(e.getValue().window), e.getValue().dropped));
        }
        it.remove();
      }
    }
  }

  private Instant start(long window) {
    return Instant.ofEpochSecond(window * windowSeconds);
  }

  private static Slot newSlot(long window) {
    Slot slot = new Slot();
    slot.window = window;
    return slot;
  }
}
