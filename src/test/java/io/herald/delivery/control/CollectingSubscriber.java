package io.herald.delivery.control;

import io.herald.delivery.entity.Frame;
import java.util.ArrayList;
import java.util.List;

/** A subscriber that keeps every frame it is sent, in order. */
final class CollectingSubscriber implements Subscriber {

    /** The frames as sent; {@link #frames} holds their JSON text. */
    final List<Frame> sent = new ArrayList<>();

    final List<String> frames = new ArrayList<>();
    final List<Long> published = new ArrayList<>();

    @Override
    public void send(Frame frame, long publishedAt) {
        sent.add(frame);
        frames.add(frame.json());
        published.add(publishedAt);
    }
}
