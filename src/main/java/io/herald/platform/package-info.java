/**
 * What Herald takes from the container: threads.
 * <p>
 * Herald runs its writers and its scheduler on threads from the default ManagedThreadFactory, so the
 * application context is captured once per thread, not once per task. Rejected: a managed executor
 * service, whose per-task context capture costs more than the work of a write on Payara.
 */
package io.herald.platform;
