package io.tandem.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a jboss-cli command against the test server (local authentication, as an operator would). */
final class ManagementCli {
    private ManagementCli() {}

    static String run(String command) {
        String home = System.getProperty("tandem.server.dir");
        URI management = URI.create(TandemClient.MANAGEMENT_URL);
        ProcessBuilder pb = new ProcessBuilder(Path.of(home, "bin", "jboss-cli.sh").toString(), "--connect",
                "--controller=" + management.getHost() + ":" + management.getPort(), "--command=" + command)
                .redirectErrorStream(true);
        pb.environment().put("JBOSS_HOME", home);
        try {
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("jboss-cli did not answer within 60 s: " + command);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || !out.contains("success")) {
                throw new IllegalStateException("jboss-cli failed (" + p.exitValue() + "): " + command + "\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
