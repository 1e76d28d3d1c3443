/**
 * Real PostgreSQL and Redis servers started from Maven artifacts, for the gateway's
 * embedded default run mode and for tests on machines without a Docker engine. They need
 * nothing on the machine but a JDK (and, when it runs as root, util-linux's setpriv or
 * runuser, to run PostgreSQL as an unprivileged user).
 */
package org.gridintake.adapters.devservers;
