package io.herald.problem.boundary;

import io.herald.problem.entity.Refusal;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The WAR's error page ({@code WEB-INF/web.xml}): what the container answers by itself, before or after
 * Herald ran (a path or method Herald does not serve, a failure nothing
 * caught), gets the JSON body of every other refusal, with the container's status. Only a response the
 * container sends without the web application (a request line or header over the server's limit) keeps the
 * container's own body. Asked for directly, it is a path like any other that serves nothing (404).
 */
@WebServlet(ErrorPage.PATH)
public class ErrorPage extends HttpServlet {

    static final String PATH = "/error";

    /** Security: reads only the status the container set; nothing of the request is echoed. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? code
                : HttpServletResponse.SC_NOT_FOUND;
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream()
                .write(RefusalMapper.body(Refusal.ofStatus(status)).toString().getBytes(StandardCharsets.UTF_8));
    }
}
