package dev.custodian.audit;

import dev.custodian.audit.RecordOfProcessing.Transfer;
import java.util.List;

/** Renders a {@link CompliancePack} as one self-contained, escaped HTML page. */
final class CompliancePackHtml {
  private static final String STYLE = """
      body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;line-height:1.45;color:#1b1b1b}
      h1{margin-bottom:.2rem}h2{border-bottom:2px solid #2b4c7e;padding-bottom:.2rem;margin-top:2.5rem}
      table{border-collapse:collapse;width:100%;font-size:.92rem}
      th,td{border:1px solid #c8c8c8;padding:.35rem .5rem;text-align:left;vertical-align:top}
      th{background:#eef2f8}dt{font-weight:600;margin-top:.8rem}.ref{color:#555;font-size:.85rem}
      nav ul{list-style:none;padding:0;display:flex;gap:1.2rem}
      """;

  private final StringBuilder out = new StringBuilder(32_768);

  private CompliancePackHtml() {}

  static String render(CompliancePack pack) {
    return new CompliancePackHtml().page(pack);
  }

  private String page(CompliancePack p) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Compliance pack for ").append(esc(p.client().value())).append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    out.append("<header>\n<h1>Compliance pack</h1>\n<p>For client <strong>")
        .append(esc(p.recordOfProcessing().controllerName())).append("</strong> (")
        .append(esc(p.client().value())).append("), from processor <strong>")
        .append(esc(p.processor().name())).append("</strong>. Generated at <time datetime=\"")
        .append(esc(p.generatedAt().toString())).append("\">").append(esc(p.generatedAt().toString()))
        .append("</time>.</p>\n</header>\n");
    out.append("<nav><ul>")
        .append("<li><a href=\"#retention-schedule\">Retention schedule</a></li>")
        .append("<li><a href=\"#sub-processors\">Sub-processors</a></li>")
        .append("<li><a href=\"#security-measures\">Security measures</a></li>")
        .append("<li><a href=\"#record-of-processing\">Record of processing</a></li>")
        .append("</ul></nav>\n");
    retention(p.retentionSchedule());
    subProcessors(p.subProcessors());
    security(p.securityMeasures());
    record(p.recordOfProcessing());
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private void retention(List<RetentionRow> rows) {
    out.append("<section id=\"retention-schedule\">\n<h2>Retention schedule</h2>\n<table>\n")
        .append("<thead><tr><th>Category</th><th>Retention</th><th>Counted from</th>")
        .append("<th>At termination</th></tr></thead>\n<tbody>\n");
    for (RetentionRow r : rows) {
      out.append("<tr data-category=\"").append(esc(r.category())).append("\">");
      out.append("<td>").append(esc(r.description())).append("<br><span class=\"ref\">")
          .append(esc(r.category())).append("</span></td>");
      cell(r.retention());
      cell(r.countedFrom());
      cell(r.atTermination());
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
  }

  private void subProcessors(List<SubprocessorLine> lines) {
    out.append("<section id=\"sub-processors\">\n<h2>Sub-processors and transfer mechanisms</h2>\n")
        .append("<table>\n<thead><tr><th>Name</th><th>Activities on the data</th>")
        .append("<th>Server location</th><th>Transfer mechanism</th>")
        .append("<th>Written agreement</th></tr></thead>\n<tbody>\n");
    for (SubprocessorLine s : lines) {
      out.append("<tr class=\"sub-processor\" data-id=\"").append(esc(s.id())).append("\">");
      out.append("<td class=\"name\">").append(esc(s.name())).append("</td>");
      cell(s.activities());
      cell(s.countryName() + " (" + s.country() + ")");
      out.append("<td>").append(esc(s.transferCoverage()));
      if (s.mechanismDetails() != null) {
        out.append("<br><span class=\"ref\">").append(esc(s.mechanismDetails())).append("</span>");
      }
      out.append("</td>");
      cell(s.agreement() + (s.engagedUntil() == null ? "" : "; removal effective " + s.engagedUntil()));
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
  }

  private void security(List<SecuritySection> sections) {
    out.append("<section id=\"security-measures\">\n")
        .append("<h2>Technical and organisational security measures</h2>\n");
    for (SecuritySection s : sections) {
      out.append("<h3>").append(esc(s.title())).append(" <span class=\"ref\">")
          .append(esc(s.reference())).append("</span></h3>\n<ul>\n");
      for (String m : s.measures()) {
        out.append("<li>").append(esc(m)).append("</li>\n");
      }
      out.append("</ul>\n");
    }
    out.append("</section>\n");
  }

  private void record(RecordOfProcessing r) {
    out.append("<section id=\"record-of-processing\">\n")
        .append("<h2>Record of processing (GDPR article 30(2))</h2>\n<dl>\n");
    out.append("<dt>(a) Processor</dt><dd>").append(esc(r.processor().name())).append(", ")
        .append(esc(r.processor().address())).append("</dd>\n");
    out.append("<dt>(a) Processor's data-protection officer</dt><dd>")
        .append(esc(r.processor().dpoContact())).append("</dd>\n");
    out.append("<dt>(a) Controller</dt><dd>").append(esc(r.controllerName())).append(" (")
        .append(esc(r.controller().value())).append(")</dd>\n");
    out.append("<dt>(b) Categories of processing carried out for the controller</dt><dd><ul>\n");
    for (String c : r.processingCategories()) {
      out.append("<li>").append(esc(c)).append("</li>\n");
    }
    out.append("</ul></dd>\n<dt>(c) Transfers to third countries and their safeguards</dt><dd>");
    if (r.transfers().isEmpty()) {
      out.append("None.");
    } else {
      out.append("<ul>\n");
      for (Transfer t : r.transfers()) {
        out.append("<li>").append(esc(t.recipient())).append(", ").append(esc(t.countryName()))
            .append(" (").append(esc(t.country())).append("): ").append(esc(t.safeguards()))
            .append("</li>\n");
      }
      out.append("</ul>");
    }
    out.append("</dd>\n<dt>(d) Technical and organisational security measures</dt><dd>")
        .append(esc(r.securityMeasures())).append("</dd>\n</dl>\n</section>\n");
  }

  private void cell(String text) {
    out.append("<td>").append(esc(text)).append("</td>");
  }

  /** Escapes text for HTML element content and double- or single-quoted attributes. */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
