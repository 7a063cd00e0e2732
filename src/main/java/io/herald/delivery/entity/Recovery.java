package io.herald.delivery.entity;

import java.util.List;

/**
 * What a subscriber gets when it (re)subscribes.
 *
 * @param position     the channel's current position: the client's new position once it applied {@code missed}
 * @param recovered    true when {@code missed} is exactly what was published after the asked position;
 *                     false when the history cannot tell (window exceeded, epoch changed): reload state
 * @param missed       the publications after the asked position, oldest first (empty unless recovered)
 */
public record Recovery(Position position, boolean recovered, List<Publication> missed) {}
