package dev.castellan.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link Swtpm} for a test class: {@code @RegisterExtension static final SwtpmExtension
 * TPM = new SwtpmExtension();} starts it before the first test and stops it after the last;
 * the class is skipped with the reason when swtpm or tpm2-tools is not installed.
 */
public final class SwtpmExtension implements BeforeAllCallback, AfterAllCallback {
  private Swtpm swtpm;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    swtpm = Swtpm.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (swtpm != null) {
      swtpm.close();
      swtpm = null;
    }
  }

  /** The running TPM's TCTI string for tpm2-tools. */
  public String tcti() {
    if (swtpm == null) {
      throw new IllegalStateException("swtpm is not running (register the extension as a static field)");
    }
    return swtpm.tcti();
  }
}
