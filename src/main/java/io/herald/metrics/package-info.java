/**
 * Metrics: the {@code herald_*} meters in MicroProfile Metrics, read by Prometheus at {@code /metrics}.
 * <p>
 * One class holds every meter so the names live in one place (docs/operations.md lists them). The
 * registry is optional: rejected, a hard dependency that stops the WAR from deploying on WildFly.
 */
package io.herald.metrics;
