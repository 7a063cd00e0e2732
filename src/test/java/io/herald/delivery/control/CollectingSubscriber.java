package io.herald.delivery.control;

import java.util.ArrayList;
import java.util.List;

/** A subscriber that keeps every frame it is sent, in order. */
final class CollectingSubscriber implements Subscriber {

    final List<String> frames = new ArrayList<>();
    final List<Long> published = new ArrayList<>();

    @Override
    public void send(String frame, long publishedAt) {
        frames.add(frame);
        published.add(publishedAt);
    }
}
