package dev.custodian.examples.demo;

import static dev.custodian.examples.demo.DemoPrincipals.ATELIER_ADMIN;
import static dev.custodian.examples.demo.DemoPrincipals.STUDIO_ADMIN;
import static dev.custodian.examples.demo.Narrator.shortId;
import static dev.custodian.examples.demo.Narrator.when;

import dev.custodian.Custodian;
import dev.custodian.examples.console.TextTable;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.terms.CategoryId;
import dev.custodian.retention.PlanEntry;
import dev.custodian.retention.RetentionPlan;
import dev.custodian.retention.SweepReport;
import java.time.Period;
import java.util.Set;

/**
 * Step 6: clients set their recordings' and transcriptions' durations; a dry-run plan says what
 * would be deleted and why, then the sweep deletes exactly that, sparing the held recording.
 */
final class RetentionSweep {
  private final Narrator narrator;
  private final Scene scene;
  private final Custodian custodian;
  private final JdbcHostData hostData;

  RetentionSweep(Narrator narrator, Scene scene) {
    this.narrator = narrator;
    this.scene = scene;
    this.custodian = scene.custodian;
    this.hostData = scene.hostData;
  }

  void run() {
    custodian.retention().setDuration(ATELIER_ADMIN, DemoData.ATELIER, CategoryId.CALL_RECORDING,
        Period.ofMonths(6));
    custodian.retention().setDuration(ATELIER_ADMIN, DemoData.ATELIER, CategoryId.TRANSCRIPTION,
        Period.ofMonths(6));
    custodian.retention().setDuration(STUDIO_ADMIN, DemoData.STUDIO, CategoryId.CALL_RECORDING,
        Period.ofYears(1));
    custodian.retention().setDuration(STUDIO_ADMIN, DemoData.STUDIO, CategoryId.TRANSCRIPTION,
        Period.ofYears(1));
    narrator.say("   atelier-nord keeps recordings and transcriptions 6 months, studio-est 1 year");
    narrator.say("   (client settings, checked against the processor's bounds, R-RET-3).");
    RetentionPlan plan = custodian.retention().plan();
    narrator.say("   Dry run (nothing deleted yet), as of " + when(plan.plannedAt()) + ":");
    TextTable t = new TextTable("client", "category", "to delete", "held", "rule");
    for (PlanEntry e : plan.entries()) {
      if (e.matched() > 0) {
        t.row(e.client(), e.category(), e.deletable(), e.held(), String.join(", ", e.rules()));
      }
    }
    narrator.show(t);
    narrator.say("   Total: " + plan.deletable() + " to delete, " + plan.held() + " held back.");
    long before = scene.totalRecords();
    SweepReport report = custodian.retention().execute(plan);
    long after = scene.totalRecords();
    narrator.say("   Sweep " + shortId(report.planId()) + ": " + report.deleted() + " deleted in "
        + report.unitsCompleted() + " units, evidence per batch"
        + (report.finished() ? "; finished." : "; NOT finished."));
    narrator.check(plan.deletable() > 0, "the plan finds expired records");
    narrator.check(report.finished(), "the sweep finishes");
    narrator.check(report.deleted() == plan.deletable(), "the sweep deletes what the plan said");
    narrator.check(before - after == report.deleted(), "the database lost exactly that many records");
    narrator.check(hostData.findSubject(DemoData.ATELIER, Set.of(DemoData.SUBJECT)).stream()
        .anyMatch(r -> r.category().equals(CategoryId.CALL_RECORDING)),
        "the held recording survives the sweep though older than 6 months");
  }
}
