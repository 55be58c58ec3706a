package dev.custodian.spring;

import dev.custodian.CustodianBuilder;

/**
 * A host's hook into the auto-configured {@link CustodianBuilder}: every bean of this type is
 * called, in {@code @Order}, after the {@code custodian.*} settings are applied and before {@code
 * build()}, so it can set what properties cannot express (a notifier, a sink, a custom clock).
 */
@FunctionalInterface
public interface CustodianBuilderCustomizer {

  void customize(CustodianBuilder builder);
}
