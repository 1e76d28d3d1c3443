/**
 * Real PostgreSQL and Redis servers for tests, shared by all tests of a JVM: containers
 * where Docker runs, embedded servers elsewhere. Shipped in the adapters test-jar so the
 * gateway's tests use the same servers.
 */
package org.gridintake.adapters.testing;
