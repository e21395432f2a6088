package io.tandem.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The suite's HTTP load driver. Prints one JSON line per run.
 *
 * <pre>
 * java -jar driver.jar --scenario board --clients 64 --warmup 5 --duration 20 --seed seed.tsv [--base http://127.0.0.1:8280]
 *      [--rate 120]                  open loop: a fixed rate, latency from each request's intended send time
 *      [--mix create-task=60,move-task=30,create-project=10]   for --scenario commands
 *      [--header 'Cache-Control: no-cache'] [--conditional]    cache modes
 *      [--label name]
 * </pre>
 *
 * Closed loop (no --rate): each of N clients sends its next request when the previous one is
 * answered, on its own keep-alive connection; latency is the service time and the rate is what the
 * server sustains. Open loop (--rate): requests are due at fixed intervals and a pool of N
 * connections sends them; a request that had to wait for a free connection is timed from when it
 * was due, so a stall shows in the percentiles instead of hiding as fewer requests (coordinated
 * omission).
 */
public final class Driver {
    /** Latencies in microseconds, up to a minute, 3 significant digits. */
    private static final long MAX_MICROS = 60_000_000L;

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        String base = opt.getOrDefault("base", "http://127.0.0.1:8280");
        java.net.URI uri = java.net.URI.create(base);
        String scenarioName = require(opt, "scenario");
        int clients = Integer.parseInt(opt.getOrDefault("clients", "16"));
        double warmup = Double.parseDouble(opt.getOrDefault("warmup", "5"));
        double duration = Double.parseDouble(opt.getOrDefault("duration", "20"));
        double rate = Double.parseDouble(opt.getOrDefault("rate", "0"));
        String label = opt.getOrDefault("label", scenarioName + "-" + clients);
        Seed seed = opt.containsKey("seed") ? Seed.load(Path.of(opt.get("seed")))
                : new Seed(List.of(new Seed.Item("", "", "")), List.of(), List.of());
        Scenario scenario = Scenario.named(scenarioName, seed,
                Scenario.parseMix(opt.getOrDefault("mix", "create-task=60,move-task=30,create-project=10")));
        String extraHeader = opt.get("header");
        boolean conditional = opt.containsKey("conditional");

        Run run = new Run(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), scenario, clients, warmup, duration, rate,
                extraHeader, conditional);
        run.execute();
        System.out.println(run.json(label, scenarioName));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("conditional")) {
                opt.put(name, "true");
            } else {
                opt.put(name, args[++i]);
            }
        }
        return opt;
    }

    private static String require(Map<String, String> opt, String name) {
        String v = opt.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    /** One run: its threads, and per thread the histograms and counts, merged at the end. */
    static final class Run {
        private final String host;
        private final int port;
        private final Scenario scenario;
        private final int clients;
        private final long warmupNanos;
        private final long durationNanos;
        private final double rate;
        private final String extraHeader;
        private final boolean conditional;
        private final List<Tally> tallies = new ArrayList<>();
        private final AtomicLong slots = new AtomicLong();
        private long measuredStart;
        private long measuredEnd;
        private long lastCompletion;

        Run(String host, int port, Scenario scenario, int clients, double warmup, double duration, double rate,
                String extraHeader, boolean conditional) {
            this.host = host;
            this.port = port;
            this.scenario = scenario;
            this.clients = clients;
            this.warmupNanos = (long) (warmup * 1e9);
            this.durationNanos = (long) (duration * 1e9);
            this.rate = rate;
            this.extraHeader = extraHeader;
            this.conditional = conditional;
        }

        void execute() throws InterruptedException {
            long start = System.nanoTime() + 50_000_000L;
            measuredStart = start + warmupNanos;
            measuredEnd = measuredStart + durationNanos;
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Tally tally = new Tally();
                tallies.add(tally);
                Scenario.Client client = scenario.client(i);
                Thread t = new Thread(() -> loop(client, tally, start), "client-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(durationNanos / 1_000_000 + warmupNanos / 1_000_000 + 60_000);
            }
            for (Tally t : tallies) {
                lastCompletion = Math.max(lastCompletion, t.lastCompletion);
            }
        }

        private void loop(Scenario.Client client, Tally tally, long start) {
            Map<String, String> etags = conditional ? new HashMap<>() : null;
            long interval = rate > 0 ? (long) (1e9 / rate) : 0;
            try (HttpConnection conn = new HttpConnection(host, port)) {
                LockSupport.parkNanos(start - System.nanoTime());
                while (true) {
                    long due;
                    if (rate > 0) {
                        due = start + slots.getAndIncrement() * interval;
                        if (due >= measuredEnd) {
                            return;
                        }
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    } else {
                        due = System.nanoTime();
                        if (due >= measuredEnd) {
                            return;
                        }
                    }
                    Request request = client.next();
                    if (extraHeader != null) {
                        request = request.withHeader(extraHeader);
                    }
                    if (etags != null) {
                        String etag = etags.get(request.target());
                        if (etag != null) {
                            request = request.withHeader("If-None-Match: " + etag);
                        }
                    }
                    long sent = System.nanoTime();
                    boolean measured = due >= measuredStart;
                    try {
                        Response response = conn.send(request);
                        long done = System.nanoTime();
                        if (etags != null && response.etag() != null) {
                            etags.put(request.target(), response.etag());
                        }
                        client.answered(request, response);
                        if (measured) {
                            tally.record(request.type(), (done - due) / 1000, response.status());
                            if (rate > 0 && sent - due > 1_000_000) {
                                tally.lateStarts++;
                            }
                            tally.lastCompletion = done;
                        }
                    } catch (IOException | RuntimeException e) {
                        conn.close();
                        if (measured) {
                            tally.error(request.type(), e);
                            tally.lastCompletion = System.nanoTime();
                        }
                        LockSupport.parkNanos(10_000_000L);
                    }
                }
            }
        }

        String json(String label, String scenarioName) {
            Histogram all = new Histogram(MAX_MICROS, 3);
            Map<String, Histogram> byType = new TreeMap<>();
            Map<String, Map<Integer, Long>> statusByType = new TreeMap<>();
            Map<Integer, Long> status = new TreeMap<>();
            Map<String, Long> errors = new TreeMap<>();
            long lateStarts = 0;
            for (Tally t : tallies) {
                t.histograms.forEach((type, h) -> {
                    all.add(h);
                    byType.computeIfAbsent(type, k -> new Histogram(MAX_MICROS, 3)).add(h);
                });
                t.status.forEach((type, counts) -> counts.forEach((code, n) -> {
                    statusByType.computeIfAbsent(type, k -> new TreeMap<>()).merge(code, n, Long::sum);
                    status.merge(code, n, Long::sum);
                }));
                t.errors.forEach((k, n) -> errors.merge(k, n, Long::sum));
                lateStarts += t.lateStarts;
            }
            double seconds = durationNanos / 1e9;
            long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
            long non2xx = status.entrySet().stream().filter(e -> e.getKey() >= 400).mapToLong(Map.Entry::getValue).sum();
            StringBuilder out = new StringBuilder("{");
            field(out, "label", label).append(',');
            field(out, "scenario", scenarioName).append(',');
            out.append("\"mode\":\"").append(rate > 0 ? "open" : "closed").append("\",");
            out.append("\"clients\":").append(clients).append(',');
            out.append("\"target_rate\":").append(rate > 0 ? fmt(rate) : "null").append(',');
            out.append("\"duration_s\":").append(fmt(seconds)).append(',');
            out.append("\"warmup_s\":").append(fmt(warmupNanos / 1e9)).append(',');
            if (extraHeader != null) {
                field(out, "header", extraHeader).append(',');
            }
            out.append("\"conditional\":").append(conditional).append(',');
            out.append("\"requests\":").append(all.getTotalCount()).append(',');
            out.append("\"rps\":").append(fmt(all.getTotalCount() / seconds)).append(',');
            percentiles(out, all);
            out.append(",\"status\":").append(counts(status));
            out.append(",\"non_2xx_3xx\":").append(non2xx);
            out.append(",\"errors\":").append(errorCount);
            out.append(",\"error_kinds\":{");
            int i = 0;
            for (var e : errors.entrySet()) {
                out.append(i++ > 0 ? "," : "");
                field(out, e.getKey(), e.getValue().toString());
            }
            out.append("}");
            if (rate > 0) {
                out.append(",\"late_starts\":").append(lateStarts);
            }
            out.append(",\"by_type\":{");
            i = 0;
            for (var e : byType.entrySet()) {
                out.append(i++ > 0 ? "," : "").append('"').append(e.getKey()).append("\":{");
                out.append("\"requests\":").append(e.getValue().getTotalCount()).append(',');
                out.append("\"rps\":").append(fmt(e.getValue().getTotalCount() / seconds)).append(',');
                percentiles(out, e.getValue());
                out.append(",\"status\":").append(counts(statusByType.getOrDefault(e.getKey(), Map.of())));
                out.append('}');
            }
            out.append("}}");
            return out.toString();
        }

        private static void percentiles(StringBuilder out, Histogram h) {
            out.append("\"p50_ms\":").append(ms(h, 50)).append(',');
            out.append("\"p90_ms\":").append(ms(h, 90)).append(',');
            out.append("\"p99_ms\":").append(ms(h, 99)).append(',');
            out.append("\"p999_ms\":").append(ms(h, 99.9)).append(',');
            out.append("\"max_ms\":").append(h.getTotalCount() == 0 ? "null" : fmt(h.getMaxValue() / 1000.0)).append(',');
            out.append("\"mean_ms\":").append(h.getTotalCount() == 0 ? "null" : fmt(h.getMean() / 1000.0));
        }

        private static String ms(Histogram h, double percentile) {
            return h.getTotalCount() == 0 ? "null" : fmt(h.getValueAtPercentile(percentile) / 1000.0);
        }

        private static String counts(Map<Integer, Long> counts) {
            StringBuilder b = new StringBuilder("{");
            int i = 0;
            for (var e : counts.entrySet()) {
                b.append(i++ > 0 ? "," : "").append('"').append(e.getKey()).append("\":").append(e.getValue());
            }
            return b.append('}').toString();
        }

        private static StringBuilder field(StringBuilder out, String name, String value) {
            return out.append('"').append(name).append("\":\"")
                    .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }

        private static String fmt(double v) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
    }

    /** One thread's counts: never shared while the run lasts, merged afterwards. */
    static final class Tally {
        final Map<String, Histogram> histograms = new LinkedHashMap<>();
        final Map<String, Map<Integer, Long>> status = new HashMap<>();
        final Map<String, Long> errors = new HashMap<>();
        long lateStarts;
        long lastCompletion;

        void record(String type, long micros, int code) {
            histograms.computeIfAbsent(type, k -> new Histogram(MAX_MICROS, 3)).recordValue(Math.min(micros, MAX_MICROS));
            status.computeIfAbsent(type, k -> new HashMap<>()).merge(code, 1L, Long::sum);
        }

        void error(String type, Exception e) {
            errors.merge(type + ": " + e.getClass().getSimpleName(), 1L, Long::sum);
        }
    }
}
