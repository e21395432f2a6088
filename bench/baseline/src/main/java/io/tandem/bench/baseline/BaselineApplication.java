package io.tandem.bench.baseline;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The WAR's context root is /baseline (jboss-web.xml), so the resources sit right under it. */
@ApplicationPath("/")
public class BaselineApplication extends Application {}
