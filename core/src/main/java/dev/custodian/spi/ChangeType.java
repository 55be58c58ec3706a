package dev.custodian.spi;

/** What a change to the registry does (R-SUB-2). */
public enum ChangeType {
  ADDITION,
  REMOVAL
}
