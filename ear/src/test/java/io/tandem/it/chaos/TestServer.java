package io.tandem.it.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The WildFly the build started for the integration tests, seen as an operating-system process: found
 * by its base dir, killed with SIGKILL, and started again the way {@code ear/server.xml} starts it
 * (same script, arguments and JBOSS_HOME; the environment, with any TANDEM_DB_* settings, is
 * inherited). The deployment scanner redeploys {@code tandem.ear} from the base dir on boot.
 */
final class TestServer {
    private final Path home;
    private final Path baseDir;
    private final String portOffset;
    private final List<String> serverOpts;
    private final ChaosHttp http;

    private TestServer(Path home, Path baseDir, String portOffset, List<String> serverOpts, ChaosHttp http) {
        this.home = home;
        this.baseDir = baseDir;
        this.portOffset = portOffset;
        this.serverOpts = serverOpts;
        this.http = http;
    }

    static TestServer fromSystemProperties(ChaosHttp http) {
        String opts = System.getProperty("tandem.it.server-opts", "").trim();
        return new TestServer(
                Path.of(required("tandem.server.dir")),
                Path.of(required("tandem.it.base-dir")),
                System.getProperty("tandem.it.port-offset", "100"),
                opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+")),
                http);
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run this IT through mvn verify");
        }
        return value;
    }

    Path baseDir() {
        return baseDir;
    }

    /** Where this test writes its own files: next to the base dir, under target/. */
    Path targetDir() {
        return baseDir.toAbsolutePath().getParent();
    }

    Path serverLog() {
        return baseDir.resolve("log/server.log");
    }

    boolean ready() {
        return http.ready();
    }

    /** The script and the JVM it launched: every process whose arguments name this base dir. */
    List<ProcessHandle> processes() {
        String token = "-Djboss.server.base.dir=" + baseDir;
        long self = ProcessHandle.current().pid();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.pid() != self)
                    .filter(p -> p.info().arguments().map(args -> Arrays.asList(args).contains(token))
                            .orElseGet(() -> p.info().commandLine().map(c -> c.contains(token)).orElse(false)))
                    .toList();
        }
    }

    /**
     * kill -9 of the server JVM; returns once no process of this server is left. The script that
     * launched it then ends by itself; should it not, it is killed too.
     */
    void killNine() throws InterruptedException {
        List<ProcessHandle> found = processes();
        List<ProcessHandle> jvms = found.stream().filter(TestServer::isJvm).toList();
        if (jvms.isEmpty()) {
            throw new IllegalStateException("no WildFly JVM runs with base dir " + baseDir + " (found " + describe(found) + ")");
        }
        jvms.forEach(ProcessHandle::destroyForcibly);
        awaitGone(jvms, Duration.ofSeconds(30));
        List<ProcessHandle> left = processes();
        if (!left.isEmpty()) {
            awaitGone(left, Duration.ofSeconds(5));
            left = processes();
            left.forEach(ProcessHandle::destroyForcibly);
            awaitGone(left, Duration.ofSeconds(10));
        }
        if (!processes().isEmpty()) {
            throw new IllegalStateException("WildFly processes survived kill -9: " + describe(processes()));
        }
    }

    /** Starts the server as ear/server.xml does, its console output going to {@code logFile}. */
    Process start(Path logFile) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-full.xml",
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.socket.binding.port-offset=" + portOffset));
        command.addAll(serverOpts);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JBOSS_HOME", home.toString());
        return builder.start();
    }

    /**
     * Polls readiness until it is UP, at most {@code max}; fails early, with the console output's
     * tail, if the process it waits for ends.
     */
    void awaitReady(Duration max, Optional<Process> launched, Path consoleLog) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (launched.isPresent() && !launched.get().isAlive()) {
                throw new IllegalStateException("WildFly exited with " + launched.get().exitValue()
                        + " before it was ready; console:\n" + tail(consoleLog, 40));
            }
            if (ready()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("WildFly was not ready within " + max.toSeconds() + " s; see " + serverLog()
                + (consoleLog == null ? "" : " and " + consoleLog + ":\n" + tail(consoleLog, 40)));
    }

    static String tail(Path file, int lines) {
        if (file == null || !Files.exists(file)) {
            return "(no " + file + ")";
        }
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    private static boolean isJvm(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/java") || c.endsWith("/java.exe")).orElse(false);
    }

    private static void awaitGone(List<ProcessHandle> processes, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        for (ProcessHandle p : processes) {
            long left = Math.max(1, deadline - System.nanoTime());
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // reported by the caller, which looks for survivors
            }
        }
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream().sorted(Comparator.comparingLong(ProcessHandle::pid))
                .map(p -> p.pid() + " " + p.info().command().orElse("?")).toList().toString();
    }
}
