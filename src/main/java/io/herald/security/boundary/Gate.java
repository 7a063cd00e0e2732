package io.herald.security.boundary;

import io.herald.metrics.control.Meters;
import io.herald.problem.boundary.RefusalMapper;
import io.herald.problem.entity.Refusal;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A servlet filter in front of {@code /ws} and {@code /api/*} that may refuse a request before Herald
 * handles it. The gates run in the order {@code WEB-INF/web.xml} maps them: {@link UpgradeGate},
 * {@link OriginGate}, {@link CredentialGate}. A refusal is answered like every other one (its status and
 * {@code {"error":{"code","message"}}}) and counted in {@code herald.security.violations}.
 */
abstract class Gate extends HttpFilter {

    @Inject
    Meters meters;

    void violation(String kind) {
        meters.violation(kind);
    }

    static void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
        response.setStatus(refusal.code().httpStatus());
        response.setContentType("application/json");
        response.getOutputStream().write(RefusalMapper.body(refusal).toString().getBytes(StandardCharsets.UTF_8));
    }
}
