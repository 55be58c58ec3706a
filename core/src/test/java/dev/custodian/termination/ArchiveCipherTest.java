package dev.custodian.termination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ArchiveCipherTest {
  private final byte[] key = ArchiveCipher.newKey();

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65_535, 65_536, 65_537, 200_000})
  void roundTripsAcrossSegmentBoundaries_R_TERM_3(int size) throws IOException {
    byte[] plain = new byte[size];
    new Random(size).nextBytes(plain);
    byte[] sealed = ArchiveCipher.encrypt(plain, key);
    assertThat(decrypt(sealed, key)).isEqualTo(plain);
    assertThat(sealed.length).isGreaterThan(size);
  }

  @Test
  void aChangedByteAnywhereFailsAuthentication_R_TERM_3() throws IOException {
    byte[] plain = new byte[150_000];
    new Random(7).nextBytes(plain);
    byte[] sealed = ArchiveCipher.encrypt(plain, key);
    for (int pos : new int[] {0, 9, 16, 20, 70_000, sealed.length - 1}) {
      byte[] bad = sealed.clone();
      bad[pos] ^= 0x01;
      assertThatThrownBy(() -> decrypt(bad, key)).as("byte %d", pos).isInstanceOf(IOException.class);
    }
  }

  @Test
  void truncationAndTheWrongKeyAreRefused() throws IOException {
    byte[] plain = new byte[140_000];
    byte[] sealed = ArchiveCipher.encrypt(plain, key);
    // Cut exactly at a segment boundary: every remaining segment is intact, the final one missing.
    int firstSegment = 16 + 5 + ArchiveCipher.SEGMENT + 16;
    byte[] cut = Arrays.copyOf(sealed, firstSegment);
    assertThatThrownBy(() -> decrypt(cut, key)).isInstanceOf(IOException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> decrypt(sealed, ArchiveCipher.newKey())).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ArchiveCipher.encrypt(plain, new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSameFileEncryptsDifferentlyEachTime() throws IOException {
    byte[] plain = "same content".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(ArchiveCipher.encrypt(plain, key)).isNotEqualTo(ArchiveCipher.encrypt(plain, key));
  }

  private static byte[] decrypt(byte[] sealed, byte[] key) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArchiveCipher.decrypt(new ByteArrayInputStream(sealed), key, out);
    return out.toByteArray();
  }
}
