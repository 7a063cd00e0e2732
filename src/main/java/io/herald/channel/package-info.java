/**
 * Channel names and namespaces.
 * <p>
 * A channel is {@code namespace:name}, parsed once at the boundary into a
 * {@link io.herald.channel.entity.ChannelName}; every decision (does it exist, its history, who may
 * publish) is taken on the parsed namespace. Namespaces come from MicroProfile Config so that an
 * operator can add one without a build. Rejected: prefix matching on raw strings, which lets
 * {@code news-admin:x} pass a check meant for {@code news:}.
 * <p>
 * Access has one decision point, {@link io.herald.channel.control.ChannelPolicy} (parsed channel plus
 * identity), asked by every subscribe and client publish on every transport. Personal, group and device
 * namespaces give each channel an owner; a device namespace is checked against the identity's device
 * record, a personal one only admits users, so no name can make one pass for the other. Namespaces are closed to
 * anonymous clients unless configured otherwise. Rejected: container annotations per resource, which
 * cannot see channel names and do not reach WebSocket frames.
 * <p>
 * {@link io.herald.channel.entity.Namespace} and {@link io.herald.channel.entity.Access} are made only by
 * {@link io.herald.channel.control.ChannelConfig}, with every option given; the open namespace that tests
 * not about access use lives in the tests. Rejected: an {@code OPEN} constant and shorter constructors here
 * that only tests called, which made "open to everyone" the easiest namespace to build.
 */
package io.herald.channel;
