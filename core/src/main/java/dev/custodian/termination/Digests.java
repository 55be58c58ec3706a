package dev.custodian.termination;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over streams, in constant memory. */
final class Digests {
  private Digests() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static String sha256(byte[] bytes) {
    return hex(sha256().digest(bytes));
  }

  /** Reads {@code in} to its end; returns its SHA-256 and length. */
  static Measured measure(InputStream in) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      md.update(buf, 0, n);
      total += n;
    }
    return new Measured(hex(md.digest()), total);
  }

  record Measured(String sha256, long bytes) {}

  /** Counts and hashes what passes through to the stream below. */
  static final class Counting extends FilterOutputStream {
    private final MessageDigest md = Digests.sha256();
    private long bytes;
    private String sha256;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      md.update((byte) b);
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      md.update(b, off, len);
      bytes += len;
    }

    @Override
    public void close() throws IOException {
      if (sha256 == null) {
        sha256 = hex(md.digest());
      }
      super.close();
    }

    long bytes() {
      return bytes;
    }

    /** The digest; valid once closed. */
    String sha256() {
      if (sha256 == null) {
        throw new IllegalStateException("stream not closed yet");
      }
      return sha256;
    }
  }
}
