package io.herald.security.boundary;

import io.herald.security.control.Identities;
import io.herald.security.control.Tickets;
import io.herald.security.entity.Identity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/**
 * Who calls, for the JAX-RS resources: the one place a request's identity comes from. It is the principal
 * that passed {@link CredentialGate} (the caller of a bearer or device token the gate verified), else, on the
 * transports that take one, a redeemed ticket, else anonymous ({@link Identities} decides). A resource asks
 * where its request needs the identity, after its own checks of the input: a request refused before (a
 * bad cursor) leaves its ticket unused.
 */
@RequestScoped
public class Caller {

    /**
     * Request attribute with the principal that passed {@link CredentialGate}. Needed because the request
     * CDI injects can be the one the container started with (Weld's is), not the one the gates handed on.
     */
    static final String PRINCIPAL = Caller.class.getName() + ".principal";

    @Inject
    HttpServletRequest request;

    @Inject
    Tickets tickets;

    /** The ticket this request redeemed: redeemed once, however often the identity is asked for. */
    private Identity redeemed;

    /** The caller as its credential header says; anonymous without one. */
    public Identity identity() {
        return Identities.of(principal());
    }

    /**
     * The caller of a transport that also takes a single-use ticket ({@code ?ticket=}). A ticket given is
     * redeemed, so used up, even beside a credential header (which wins), and refused with 401 when it is
     * unknown, used or expired. Security: {@code ticket} is untrusted; it is only looked up.
     */
    public Identity identity(String ticket) {
        if (ticket != null && redeemed == null) {
            redeemed = tickets.redeem(ticket);
        }
        return Identities.of(principal(), ticket == null ? null : redeemed);
    }

    private Principal principal() {
        return request.getAttribute(PRINCIPAL) instanceof Principal verified ? verified : request.getUserPrincipal();
    }
}
