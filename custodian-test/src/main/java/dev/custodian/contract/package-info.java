/**
 * The behaviour every implementation of a host port must have, as abstract JUnit Jupiter classes:
 * extend one in a test class of your own, supply your implementation, and the suite runs against
 * it. {@link dev.custodian.contract.HostDataContract} for the mapping of your own data, {@link
 * dev.custodian.contract.StateStoreContract}, {@link dev.custodian.contract.EvidenceStoreContract}
 * and {@link dev.custodian.contract.WorkQueueContract} for stores of your own. The JDBC adapter's
 * stores pass them on PostgreSQL, MariaDB and H2.
 */
package dev.custodian.contract;
