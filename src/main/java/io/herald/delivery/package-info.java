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
 * The broker is built first; the hub is built on it and follows a channel there from its first to its
 * last local subscriber ({@code Broker.follow(channel, listener)}, {@code unfollow}), passing itself as
 * the {@link io.herald.delivery.control.Broker.Listener} that publications are delivered to. So the memory
 * broker delivers to, and sweeps by, what it is told to follow, and a cluster broker subscribes to exactly
 * those channels. Rejected: a broker given the hub plus a single-slot watcher set on the hub after
 * construction, which wired the two to each other and hid the seam.
 * <p>
 * The hub hands subscribers a {@link io.herald.delivery.entity.Frame}: the JSON text with the channel and
 * position it moves, so a transport that needs the position (SSE event ids) and the duplicate check in
 * {@link io.herald.delivery.control.Subscription} read it from the value, never from the text.
 * {@link io.herald.delivery.control.DeliveryJson} is the one writer of everything that names a position
 * (the publication, subscribed and published frames, the REST publish result) and of the frame envelope.
 * Rejected: each component writing its own JSON of the same fields (publication here, subscribed and
 * published in connection, the publish result in the REST resource), which let the forms drift apart.
 * <p>
 * Every delivery setting, the publish API's limits ({@link io.herald.delivery.entity.PublishLimits})
 * included, is declared once, in {@link io.herald.delivery.control.DeliveryConfig}; the Redis broker
 * reads the two it shares from there. Rejected: each reader declaring the properties it needs, which
 * put the same default in two places (and the publish limits in the resource) where they could drift.
 * The publish API takes its caller from {@code security.boundary.Caller}, before its body is read:
 * the body arrives through {@code platform.RequestBodies}, without a thread waiting for it, and the
 * publication is handled once it is whole (a slow or stalled body is answered 408 there).
 * <p>
 * {@code POST /api/publish} without a {@code Content-Type} is refused with 415, as JAX-RS refuses a wrong
 * type (JAX-RS itself matches a request without one to any {@code @Consumes}). Rejected: reading such a
 * body as JSON anyway, which the docs never promised and which leaves the check to each client.
 */
package io.herald.delivery;
