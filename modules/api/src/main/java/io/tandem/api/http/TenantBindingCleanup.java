package io.tandem.api.http;

import io.tandem.kernel.tenant.CurrentTenant;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import java.io.IOException;

/**
 * Unbinds the request's tenant when the request ends, whatever happened in it: worker threads are
 * pooled, and a binding left behind would hand the next request on the thread someone else's tenant.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class TenantBindingCleanup implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CurrentTenant.clear();
        try {
            chain.doFilter(request, response);
        } finally {
            CurrentTenant.clear();
        }
    }
}
