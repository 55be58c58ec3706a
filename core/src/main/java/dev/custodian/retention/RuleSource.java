package dev.custodian.retention;

/** Where a retention rule comes from; decides which rules bind which (precedence rule 5). */
public enum RuleSource {
  /**
   * The law (for example CPCE L.34-1). A legal RETAIN rule is a floor no client setting cuts; a
   * legal DELETE rule is a ceiling no client setting or contract retention exceeds.
   */
  LAW,
  /** The contract (the DPA and its Annex A). */
  CONTRACT,
  /** A duration the client sets within the processor's bounds (recordings, transcriptions, R-RET-3). */
  CLIENT_SETTING,
  /** The client's own request or act (a deletion request, a contact it deleted). */
  CLIENT_REQUEST
}
