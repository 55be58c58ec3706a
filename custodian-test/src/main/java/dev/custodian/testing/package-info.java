/**
 * For a host's tests only: {@link dev.custodian.testing.CustodianFixture}, a Custodian in one line
 * on in-memory stores; {@link dev.custodian.testing.MutableClock}, a clock tests move by hand;
 * forwarding wrappers for crash points and counters; {@link dev.custodian.testing.Seeds}, seeded
 * random cases for property tests. Published as {@code dev.custodian:custodian-test}; add it with
 * {@code <scope>test</scope>}.
 */
package dev.custodian.testing;
