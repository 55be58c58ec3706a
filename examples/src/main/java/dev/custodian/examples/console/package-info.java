/** Plain-text output shared by the command-line tool and the demo: tables for a terminal. */
package dev.custodian.examples.console;
