package io.tandem.api.http;

import io.tandem.api.problem.Problem;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;

/**
 * Refuses a request whose {@code Content-Type} or {@code Accept} header cannot be parsed, with a
 * problem+json 400 naming the header. Left to RESTEasy, such a request gets an HTML page and a
 * warning in the server log that quotes the client's header verbatim.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class MalformedHeaderFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String bad = malformed(http.getHeader("Content-Type"), false) ? "Content-Type"
                : malformed(http.getHeader("Accept"), true) ? "Accept" : null;
        if (bad == null) {
            chain.doFilter(request, response);
            return;
        }
        String detail = "the " + bad + " header is not a media type" + (bad.equals("Accept") ? " list" : "");
        Problem.of(Status.BAD_REQUEST, "invalid-header", detail, bad).writeTo((HttpServletResponse) response);
    }

    static boolean malformed(String header, boolean list) {
        if (header == null || header.isBlank()) {
            return false;
        }
        try {
            for (String part : list ? header.split(",") : new String[] {header}) {
                if (!part.isBlank()) {
                    MediaType.valueOf(part.trim());
                }
            }
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
