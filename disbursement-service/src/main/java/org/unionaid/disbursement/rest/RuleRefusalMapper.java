package org.unionaid.disbursement.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.unionaid.common.problem.Messages;
import org.unionaid.common.problem.Problems;
import org.unionaid.disbursement.service.RuleRefusal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A refusal by a rule: the shared problem shape plus the member {@code rule}. */
public class RuleRefusalMapper {

    @ServerExceptionMapper
    public Response refused(RuleRefusal e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Messages.localeOf(headers);
        Map<String, Object> body = Problems.body(e.status(), e.code(), locale,
                Messages.get(locale, e.code() + ".detail", e.args()), List.of(), uri == null ? null : uri.getPath());
        body.put("rule", e.rule());
        return Response.status(e.status()).type(Problems.MEDIA_TYPE).entity(body).build();
    }
}
