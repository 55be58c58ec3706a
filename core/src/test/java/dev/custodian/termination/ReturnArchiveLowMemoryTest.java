package dev.custodian.termination;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-TERM-3: the return archive is streamed in constant memory. A separate JVM with a 64 MB heap
 * returns, verifies and deletes 100,000 records.
 */
class ReturnArchiveLowMemoryTest {

  @Test
  void returnsAHundredThousandRecordsIn64MegabytesOfHeap_R_TERM_3(@TempDir Path dir)
      throws IOException, InterruptedException {
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dir.resolve("child.log");
    Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
        "-Duser.timezone=America/Sao_Paulo", "-cp", classpath,
        LowMemoryReturnRun.class.getName(), dir.toString(), "100000"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = p.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("child finished; output:%n%s", out).isTrue();
    assertThat(p.exitValue()).as("child exit; output:%n%s", out).isZero();
    assertThat(out).contains("records=100000", "returned=100000", "deleted=100000",
        "phase=CLOSED", "left=0").doesNotContain("OutOfMemoryError");
    long maxHeap = Long.parseLong(out.replaceAll("(?s).*maxHeap=(\\d+).*", "$1"));
    assertThat(maxHeap).as("the child really ran with a 64 MB heap").isLessThanOrEqualTo(64L << 20);
  }
}
