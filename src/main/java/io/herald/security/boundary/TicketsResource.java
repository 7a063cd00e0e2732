package io.herald.security.boundary;

import io.herald.problem.control.Jsonp;
import io.herald.security.control.Tickets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/tickets}: a single-use, short-lived ticket for the caller authenticated with
 * {@code Authorization: Bearer}, for a browser to open a WebSocket or an event stream that cannot carry
 * that header (docs/security.md).
 */
@ApplicationScoped
@Path("tickets")
public class TicketsResource {

    @Inject
    Tickets tickets;

    @Inject
    Caller caller;

    /** Security: only an authenticated caller gets a ticket; the ticket is never logged. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public String issue() {
        String ticket = tickets.issue(caller.identity());
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("ticket", ticket)
                .add("ttl", tickets.ttl().toMillis())
                .build()
                .toString();
    }
}
