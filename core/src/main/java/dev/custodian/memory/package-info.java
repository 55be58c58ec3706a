/**
 * In-memory stand-ins for the host ports: what {@code Custodian}'s builder uses where the host
 * gives none, and what tests use. They keep everything in one process and lose it on restart; not
 * for production. No duty uses them (an architecture test keeps it so).
 */
package dev.custodian.memory;
