package dev.custodian.termination;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encryption of return archives (R-TERM-3): AES-256-GCM over segments of 64 KiB, so that both
 * writing and reading run in constant memory whatever the archive's size (plain GCM decryption in
 * the JDK buffers the whole file).
 *
 * <p>Format of an encrypted file: the 8 bytes {@code CSTDGCM1}, an 8-byte random nonce prefix, then
 * segments. Each segment is a 4-byte big-endian ciphertext length, a 1-byte final flag, and the
 * AES-GCM ciphertext with its 16-byte tag. A segment's 12-byte nonce is the prefix followed by the
 * segment's 4-byte index; its associated data is the file header, the index and the final flag, so
 * reordered, dropped, truncated or altered segments all fail authentication. The last segment, and
 * only it, carries the final flag (an empty file is one empty final segment).
 */
public final class ArchiveCipher {
  /** The name recorded in manifests for this format. */
  public static final String ALGORITHM = "AES-256-GCM-SEGMENTED-64K";

  static final int SEGMENT = 64 * 1024;
  private static final byte[] MAGIC = "CSTDGCM1".getBytes(StandardCharsets.US_ASCII);
  private static final int TAG_BITS = 128;
  private static final int TAG_BYTES = TAG_BITS / 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ArchiveCipher() {}

  /** A fresh random 256-bit archive key. */
  static byte[] newKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  /** Wraps {@code out} so that what is written is encrypted; closing finishes and closes {@code out}. */
  static OutputStream encrypting(OutputStream out, byte[] key) throws IOException {
    return new Encrypting(out, key);
  }

  /**
   * Decrypts a file in this format, streaming. Reading fails with an {@link IOException} as soon as
   * a segment does not authenticate, and at the end if the final segment is missing (truncation).
   *
   * @param key the 32-byte archive key delivered separately from the files
   */
  public static InputStream decrypting(InputStream in, byte[] key) throws IOException {
    return new Decrypting(in, key);
  }

  /** Decrypts a whole file from {@code in} into {@code out}. */
  public static void decrypt(InputStream in, byte[] key, OutputStream out) throws IOException {
    try (InputStream d = decrypting(in, key)) {
      d.transferTo(out);
    }
  }

  private static SecretKeySpec aesKey(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != 32) {
      throw new IllegalArgumentException("an archive key is 32 bytes");
    }
    return new SecretKeySpec(key, "AES");
  }

  private static byte[] nonce(byte[] prefix, int index) {
    return ByteBuffer.allocate(12).put(prefix).putInt(index).array();
  }

  private static byte[] aad(byte[] header, int index, boolean last) {
    return ByteBuffer.allocate(header.length + 5).put(header).putInt(index)
        .put((byte) (last ? 1 : 0)).array();
  }

  private static final class Encrypting extends FilterOutputStream {
    private final SecretKeySpec key;
    private final byte[] header;
    private final byte[] prefix = new byte[8];
    private final byte[] buffer = new byte[SEGMENT];
    private int filled;
    private int index;
    private boolean closed;

    Encrypting(OutputStream out, byte[] key) throws IOException {
      super(out);
      this.key = aesKey(key);
      RANDOM.nextBytes(prefix);
      this.header = ByteBuffer.allocate(16).put(MAGIC).put(prefix).array();
      out.write(header);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      while (len > 0) {
        if (filled == SEGMENT) {
          // A full buffer is flushed only when more data comes, so the last segment is known.
          segment(false);
        }
        int n = Math.min(len, SEGMENT - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
      }
    }

    private void segment(boolean last) throws IOException {
      try {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(prefix, index)));
        c.updateAAD(aad(header, index, last));
        byte[] ct = c.doFinal(buffer, 0, filled);
        out.write(ByteBuffer.allocate(5).putInt(ct.length).put((byte) (last ? 1 : 0)).array());
        out.write(ct);
        index++;
        filled = 0;
      } catch (GeneralSecurityException e) {
        throw new IOException("AES-GCM encryption failed", e);
      }
    }

    @Override
    public void flush() {
      // Segments are written whole; nothing to flush early.
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        segment(true);
        out.flush();
      } finally {
        Arrays.fill(buffer, (byte) 0);
        out.close();
      }
    }
  }

  private static final class Decrypting extends InputStream {
    private final DataInputStream in;
    private final SecretKeySpec key;
    private final byte[] header = new byte[16];
    private final byte[] prefix = new byte[8];
    private byte[] plain = new byte[0];
    private int pos;
    private int index;
    private boolean finished;

    Decrypting(InputStream in, byte[] key) throws IOException {
      this.in = new DataInputStream(in);
      this.key = aesKey(key);
      try {
        this.in.readFully(header);
      } catch (EOFException e) {
        throw new IOException("not an encrypted archive file: too short", e);
      }
      if (!Arrays.equals(Arrays.copyOf(header, 8), MAGIC)) {
        throw new IOException("not an encrypted archive file: bad header");
      }
      System.arraycopy(header, 8, prefix, 0, 8);
    }

    private boolean fill() throws IOException {
      while (pos >= plain.length) {
        if (finished) {
          return false;
        }
        int len;
        boolean last;
        try {
          len = in.readInt();
          last = in.readByte() == 1;
        } catch (EOFException e) {
          throw new IOException("encrypted archive file is truncated: final segment missing", e);
        }
        if (len < TAG_BYTES || len > SEGMENT + TAG_BYTES) {
          throw new IOException("encrypted archive file is corrupt: bad segment length");
        }
        byte[] ct = new byte[len];
        try {
          in.readFully(ct);
        } catch (EOFException e) {
          throw new IOException("encrypted archive file is truncated", e);
        }
        try {
          Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
          c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(prefix, index)));
          c.updateAAD(aad(header, index, last));
          plain = c.doFinal(ct);
        } catch (GeneralSecurityException e) {
          throw new IOException("encrypted archive file failed authentication at segment " + index, e);
        }
        pos = 0;
        index++;
        if (last) {
          finished = true;
          if (in.read() != -1) {
            throw new IOException("encrypted archive file has data after its final segment");
          }
        }
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      return fill() ? plain[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, plain.length - pos);
      System.arraycopy(plain, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** For tests of this class: encrypts a byte array. */
  static byte[] encrypt(byte[] plaintext, byte[] key) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream e = encrypting(bytes, key)) {
      e.write(plaintext);
    }
    return bytes.toByteArray();
  }
}
