package dev.custodian.retention;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.custodian.Custodian;
import dev.custodian.subject.PhoneNumber;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Operators see what a sweep did (issue 13): one INFO line per run with what this node deleted and
 * what holds spared, per category, and what it left for later; no client and no subject in it.
 */
class SweepLogTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(Sweeper.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void attach() {
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(appender);
  }

  @Test
  void aSweepLogsOneLineWithDeletedSparedAndDeferredCounts() {
    SweepFixture f = new SweepFixture();
    f.populate(60, 17);
    Custodian node = f.node(7);
    PhoneNumber held = (PhoneNumber) SweepFixture.PEOPLE.get(0);
    node.holds().place(SweepFixture.OPERATOR, SweepFixture.ACME, Set.of(held), Set.of(), null, null,
        "order 2026-61");
    RetentionPlan plan = node.retention().plan();
    assertThat(plan.held()).isPositive();

    SweepReport report = node.retention().execute(plan);

    List<String> lines = appender.list.stream().filter(e -> e.getLevel() == Level.INFO)
        .map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("retention sweep ")).toList();
    assertThat(lines).hasSize(1);
    String line = lines.get(0);
    assertThat(line).contains("deleted " + report.deleted() + " {")
        .contains("CALL_LOG=")
        .contains("spared " + plan.held() + " held {")
        .contains("deferred 0")
        .contains("plan finished");
    assertThat(report.deleted()).isEqualTo(plan.deletable());
    // Counts and categories only: no client, no subject.
    assertThat(line).doesNotContain(SweepFixture.ACME.value(), SweepFixture.GLOBEX.value(),
        held.value(), "+33");
  }
}
