package io.herald.delivery.boundary;

import io.herald.delivery.control.DeliveryJson;
import io.herald.delivery.control.Publisher;
import io.herald.delivery.entity.Publish;
import io.herald.delivery.entity.PublishLimits;
import io.herald.platform.RequestBodies;
import io.herald.problem.boundary.RefusalMapper;
import io.herald.problem.control.JsonText;
import io.herald.problem.control.Jsonp;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.boundary.Caller;
import io.herald.security.control.SystemPublishers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;

/**
 * The publish API for other systems: {@code POST /api/publish} with one publication (an object) or a
 * batch (an array). Each publication is answered with its position, or, in a batch, with its own error.
 */
@ApplicationScoped
@Path("publish")
public class PublishResource {

    @Inject
    Publisher publisher;

    @Inject
    SystemPublishers systemPublishers;

    @Inject
    Caller caller;

    @Inject
    PublishLimits limits;

    @Inject
    RequestBodies bodies;

    /**
     * Security: only holders of {@code herald.publish.role} (unless opened); the body is untrusted and is
     * read up to the limit, without a thread waiting for it, before it is parsed.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public void publish(@Context HttpServletRequest request, @Suspended AsyncResponse async) throws IOException {
        if (request.getContentType() == null) {
            // JAX-RS matches a request without Content-Type to any @Consumes; answered as a wrong type is
            async.resume(new NotSupportedException("Content-Type: application/json is required"));
            return;
        }
        try {
            systemPublishers.authorize(caller.identity());
        } catch (Refusal refusal) {
            async.resume(refusal);
            return;
        }
        bodies.read(request, async, limits.maxBodyBytes(), this::publish);
    }

    private String publish(byte[] body) {
        JsonValue request = parse(body);
        if (request.getValueType() == JsonValue.ValueType.OBJECT) {
            return DeliveryJson.result(publisher.publish(publication(request), Publisher.Source.SYSTEM))
                    .toString();
        }
        if (request.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new Refusal(ErrorCode.MALFORMED, "the body must be a publication object or an array of them");
        }
        if (request.asJsonArray().size() > limits.maxBatch()) {
            throw new Refusal(ErrorCode.TOO_LARGE, "at most " + limits.maxBatch() + " publications per batch");
        }
        JsonArrayBuilder results = Jsonp.PROVIDER.createArrayBuilder();
        for (JsonValue item : request.asJsonArray()) {
            try {
                results.add(DeliveryJson.result(publisher.publish(publication(item), Publisher.Source.SYSTEM)));
            } catch (Refusal refusal) {
                results.add(RefusalMapper.body(refusal));
            }
        }
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("results", results)
                .build()
                .toString();
    }

    private JsonValue parse(byte[] bytes) {
        if (bytes.length > limits.maxBodyBytes()) {
            throw new Refusal(ErrorCode.TOO_LARGE, "the body is larger than " + limits.maxBodyBytes() + " bytes");
        }
        return JsonText.parse(JsonText.utf8(bytes));
    }

    private static Publish publication(JsonValue item) {
        if (item.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Refusal(ErrorCode.MALFORMED, "a publication must be a JSON object");
        }
        JsonObject o = item.asJsonObject();
        return new Publish(text(o, "channel"), text(o, "event"), o.get("data"), text(o, "idempotencyKey"));
    }

    private static String text(JsonObject o, String field) {
        JsonValue value = o.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new Refusal(ErrorCode.INVALID_FIELD, field + " must be a string");
        }
        return ((JsonString) value).getString();
    }
}
