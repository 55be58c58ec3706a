package dev.custodian.memory;

import dev.custodian.client.ClientId;
import dev.custodian.spi.KeyCustody;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-client data keys in memory (R-TERM-7), for tests and the demo: destroying a key wipes its
 * bytes and forgets it. Keys do not survive a restart, so this is not for production. Thread-safe.
 */
public final class InMemoryKeyCustody implements KeyCustody {
  private final SecureRandom random = new SecureRandom();
  private final Map<ClientId, byte[]> keys = new HashMap<>();
  private final Set<ClientId> destroyed = new HashSet<>();

  @Override
  public synchronized SecretKey dataKey(ClientId client) {
    if (destroyed.contains(client)) {
      throw new KeyDestroyedException(client);
    }
    byte[] key = keys.computeIfAbsent(client, c -> {
      byte[] k = new byte[32];
      random.nextBytes(k);
      return k;
    });
    return new SecretKeySpec(key, "AES");
  }

  @Override
  public synchronized boolean destroy(ClientId client) {
    if (!destroyed.add(client)) {
      return false;
    }
    byte[] key = keys.remove(client);
    if (key != null) {
      Arrays.fill(key, (byte) 0);
    }
    return true;
  }

  @Override
  public synchronized boolean isDestroyed(ClientId client) {
    return destroyed.contains(client);
  }
}
