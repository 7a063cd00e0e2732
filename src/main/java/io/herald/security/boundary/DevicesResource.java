package io.herald.security.boundary;

import io.herald.problem.control.JsonText;
import io.herald.problem.control.Jsonp;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.Provisioning;
import io.herald.security.entity.Device;
import io.herald.security.entity.Identity;
import io.herald.security.entity.Provisioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code /api/devices}: provisioning, listing and revoking device identities (docs/security.md, "Device
 * identities"), for a user with {@code herald.security.device-admin-role}.
 */
@ApplicationScoped
@Path("devices")
public class DevicesResource {

    /** An id and the most groups a device may have fit many times over; a larger body is no request of ours. */
    static final int MAX_BODY_BYTES = 65536;

    @Inject
    Provisioning provisioning;

    @Inject
    Caller caller;

    /**
     * Security: only a device administrator; the body is untrusted, read up to a bound after the caller
     * was authorized. The answer carries the token this once: it is never logged and must not be cached.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response provision(InputStream body) throws IOException {
        Identity admin = caller.identity();
        provisioning.authorize(admin);
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new Refusal(ErrorCode.TOO_LARGE, "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        Provisioned provisioned = provisioning.provision(admin, JsonText.parse(JsonText.utf8(bytes)));
        String answer = device(provisioned.device())
                .add("token", provisioned.token())
                .build()
                .toString();
        return Response.status(Response.Status.CREATED)
                .entity(answer)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Security: only a device administrator; tokens are not stored, so none can be listed. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list() {
        JsonArrayBuilder devices = Jsonp.PROVIDER.createArrayBuilder();
        for (Device device : provisioning.all(caller.identity())) {
            devices.add(device(device));
        }
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("devices", devices)
                .build()
                .toString();
    }

    /** Security: only a device administrator; {@code id} is an untrusted path segment, checked before any lookup. */
    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        provisioning.revoke(caller.identity(), id);
        return Response.noContent().build();
    }

    private static JsonObjectBuilder device(Device device) {
        JsonArrayBuilder groups = Jsonp.PROVIDER.createArrayBuilder();
        device.groups().stream().sorted().forEach(groups::add);
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("id", device.id())
                .add("groups", groups)
                .add("created", device.created().toString());
    }
}
