/**
 * Channel names and namespaces.
 * <p>
 * A channel is {@code namespace:name}, parsed once at the boundary into a
 * {@link io.herald.channel.entity.ChannelName}; every decision (does it exist, its history, who may
 * publish) is taken on the parsed namespace. Namespaces come from MicroProfile Config so that an
 * operator can add one without a build. Rejected: prefix matching on raw strings, which lets
 * {@code news-admin:x} pass a check meant for {@code news:}.
 */
package io.herald.channel;
