/**
 * Publications, positions, history and resume, and the fan-out to local subscribers.
 * <p>
 * Every publication gets an offset and its channel's epoch from the {@link io.herald.delivery.control.Broker}
 * (memory here; Redis in a cluster). The {@link io.herald.delivery.control.Hub} encodes it once and
 * queues the same frame to each local subscriber. A subscriber that resumes is held back while its
 * history is read and then released, so nothing falls between history and live delivery
 * ({@link io.herald.delivery.control.Subscription}). Rejected: a lock shared by broker and hub around
 * the subscribe, which orders locks in two directions and deadlocks under load.
 */
package io.herald.delivery;
