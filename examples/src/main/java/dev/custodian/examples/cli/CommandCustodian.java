package dev.custodian.examples.cli;

import dev.custodian.Custodian;
import dev.custodian.memory.InMemoryEvidenceStore;
import dev.custodian.memory.InMemoryHostData;
import dev.custodian.memory.InMemoryKeyCustody;
import dev.custodian.memory.InMemoryStateStore;
import dev.custodian.memory.RecordingNotifier;
import dev.custodian.memory.RecordingResponder;
import java.security.SecureRandom;

/**
 * The {@link Custodian} a one-shot operator command works with: every part given explicitly, so
 * the library's warnings about unconfigured production parts (meant for long-running hosts) do
 * not clutter a command's output. Nothing a command does here is sent anywhere.
 */
final class CommandCustodian {
  private CommandCustodian() {}

  /** A builder with in-memory stores and recording channels; a command overrides what it reads. */
  static Custodian.Builder inMemory() {
    RecordingNotifier notifier = new RecordingNotifier();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Custodian.builder()
        .stateStore(new InMemoryStateStore())
        .evidenceStore(new InMemoryEvidenceStore())
        .hostData(new InMemoryHostData())
        .requestNotifier(notifier)
        .escalationChannel(notifier)
        .responder(new RecordingResponder())
        .keyCustody(new InMemoryKeyCustody())
        .pseudonymizationKey(key);
  }
}
