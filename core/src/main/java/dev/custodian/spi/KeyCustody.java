package dev.custodian.spi;

import dev.custodian.client.ClientId;
import javax.crypto.SecretKey;

/**
 * Keeps one data key per client (R-TERM-7). The host encrypts what it cannot delete row by row
 * (backups, object-store copies, exports) with the client's key; destroying the key at termination
 * makes every such copy unreadable. A production implementation sits on a KMS or an HSM; {@code
 * InMemoryKeyCustody} serves tests and the demo.
 *
 * <p>Contract: {@link #dataKey} returns the same key for a client until it is destroyed, creating it
 * on first use; after {@link #destroy} no key is ever handed out again for that client and the key
 * material is gone. {@link #destroy} is idempotent. The library calls {@link #destroy} only once no
 * hold and no legal archive of the client needs the data any more.
 */
public interface KeyCustody {

  /**
   * The client's data key (AES, 256 bits), created on first use.
   *
   * @throws KeyDestroyedException if the client's key was destroyed
   */
  SecretKey dataKey(ClientId client);

  /** Destroys the client's key for good. Returns false if it was already destroyed. */
  boolean destroy(ClientId client);

  /** True once the client's key was destroyed. */
  boolean isDestroyed(ClientId client);

  /** Thrown when a destroyed key is asked for: the data it protected is unreadable by design. */
  class KeyDestroyedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public KeyDestroyedException(ClientId client) {
      super("the data key of client " + client + " was destroyed at termination");
    }
  }
}
