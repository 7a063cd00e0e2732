/**
 * Publications, positions, history and resume, and the fan-out to local subscribers.
 * <p>
 * Every publication gets an offset and its channel's epoch from the {@link io.herald.delivery.control.Broker}
 * (memory here; Redis in a cluster). The {@link io.herald.delivery.control.Hub} encodes it once and
 * queues the same frame to each local subscriber. A subscriber that resumes is held back while its
 * history is read and then released, so nothing falls between history and live delivery
 * ({@link io.herald.delivery.control.Subscription}). Rejected: a lock shared by broker and hub around
 * the subscribe, which orders locks in two directions and deadlocks under load.
 * <p>
 * Every delivery setting, the publish API's limits ({@link io.herald.delivery.entity.PublishLimits})
 * included, is declared once, in {@link io.herald.delivery.control.DeliveryConfig}; the Redis broker
 * reads the two it shares from there. Rejected: each reader declaring the properties it needs, which
 * put the same default in two places (and the publish limits in the resource) where they could drift.
 * The publish API takes its caller from {@code security.boundary.Caller}.
 */
package io.herald.delivery;
