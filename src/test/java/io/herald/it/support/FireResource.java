package io.herald.it.support;

import io.herald.delivery.entity.Publish;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Deployed with the tests only: application code inside the WAR publishing with a CDI event. */
@RequestScoped
@Path("test/fire/{channel}")
public class FireResource {

    @Inject
    Event<Publish> publish;

    @POST
    public void fire(@PathParam("channel") String channel, String text) {
        publish.fire(new Publish(channel, "fired", Json.createValue(text)));
    }
}
