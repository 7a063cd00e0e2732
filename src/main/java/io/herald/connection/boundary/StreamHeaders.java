package io.herald.connection.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Event streams must reach the client as they are written: no cache, and no buffering in nginx-style
 * proxies ({@code X-Accel-Buffering: no}).
 */
@Provider
public class StreamHeaders implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(response.getMediaType())) {
            response.getHeaders().putSingle("Cache-Control", "no-cache");
            response.getHeaders().putSingle("X-Accel-Buffering", "no");
        }
    }
}
