/**
 * Disclosure requests from law enforcement, public security bodies and supervisory authorities
 * (DPA 9; R-AUTH-1 to R-AUTH-3), with the path for a prohibition to inform the client: its legal
 * basis and review date, an answer only under a legal compulsion the designated officer approved,
 * and the client informed once the prohibition lifts.
 */
package dev.custodian.authority;
