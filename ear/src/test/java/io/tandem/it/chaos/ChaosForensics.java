package io.tandem.it.chaos;

import io.tandem.it.PostgresConnections;
import io.tandem.kernel.tenant.CurrentTenant;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the database itself holds for the aggregates a failed check names (a read model differing
 * from the log, an acknowledged command missing from it or recorded differently): their events in
 * the whole log (any tenant), the projectors' checkpoints for them, what the log holds at the
 * checkpoints' positions, and where the log stood at each start. CI shows only the assertion's
 * text, and these lines in it told that H2 had come back from a kill without commits the relay had
 * published (ADR 0002): the checkpoints' position empty in the log, and above where the log stood
 * at the next start. They would tell the same of an acknowledged command lost so.
 *
 * <p>On H2 the server holds the database file, so the server is killed and a copy of the file is
 * read (H2 recovers the copy as the server would on its next start); the caller starts the server
 * again. On PostgreSQL the database is read while the server runs.
 */
final class ChaosForensics {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ChaosForensics() {}

    /** The ids the read-model differences name after "card " or "task ": the aggregates to look at. */
    static Set<UUID> taskIds(List<String> differences) {
        Set<UUID> ids = new LinkedHashSet<>();
        Pattern named = Pattern.compile("(?:card|task) (" + ID.pattern() + ")");
        for (String d : differences) {
            Matcher m = named.matcher(d);
            while (m.find()) {
                ids.add(UUID.fromString(m.group(1)));
            }
        }
        return ids;
    }

    static List<String> collect(TestServer server, Set<UUID> aggregates, List<Instant> kills) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("kills at " + kills);
        lines.add("starts: " + starts(server.serverLog()));
        if ("postgresql".equals(System.getProperty("tandem.db"))) {
            try (Connection c = PostgresConnections.open()) {
                // task_board is under forced row-level security: the platform's id admits every tenant's rows.
                try (PreparedStatement ps = c.prepareStatement("select set_config('tandem.tenant', ?, false)")) {
                    ps.setString(1, CurrentTenant.PLATFORM.toString());
                    ps.executeQuery().close();
                }
                read(c, aggregates, lines);
            }
            return lines;
        }
        server.killNine();
        Path file = server.baseDir().resolve("data/tandem/tandem.mv.db");
        Path copy = server.targetDir().resolve("chaos-forensics.mv.db");
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        String url = "jdbc:h2:" + copy.toAbsolutePath().toString().replaceFirst("\\.mv\\.db$", "");
        try (Connection c = DriverManager.getConnection(url, "sa", "sa")) {
            read(c, aggregates, lines);
        }
        return lines;
    }

    /**
     * The events the projectors dropped because the log no longer held them (EventLogFence): published,
     * then lost with the database's last commits in a kill. Each projector of the event logs it; counted once.
     * Only what the log gained after {@code fromByte} counts (all of it if the log was rotated since).
     */
    static Set<String> lostAfterPublishing(Path serverLog, long fromByte) {
        try (var in = Files.newInputStream(serverLog)) {
            if (Files.size(serverLog) >= fromByte) {
                in.skipNBytes(fromByte);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> l.contains("the event log does not hold it"))
                    .map(l -> l.replaceAll(".* drops \\S+ (\\S+) .*", "$1"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (Exception e) {
            return Set.of("server log unreadable: " + e);
        }
    }

    /** Where the log stood at each of the last starts, as the server logged it (time and position). */
    private static List<String> starts(Path serverLog) {
        try (var log = Files.lines(serverLog)) {
            List<String> starts = log.filter(l -> l.contains("event log at position"))
                    .map(l -> l.substring(11, Math.min(19, l.length())) + " at "
                            + l.substring(l.indexOf("position ") + 9).replace(" events waiting in the outbox", " in the outbox"))
                    .toList();
            return starts.subList(Math.max(0, starts.size() - 6), starts.size());
        } catch (Exception e) {
            return List.of("server log unreadable: " + e);
        }
    }

    private static void read(Connection c, Set<UUID> aggregates, List<String> lines) throws SQLException {
        lines.add("log (max position, events): " + row(c, "select max(global_position), count(*) from event_log", null)
                + "; outbox (events, lowest): " + row(c, "select count(*), min(global_position) from event_outbox", null));
        for (UUID id : aggregates) {
            lines.add(id + " events (position, version, type, tenant, time): " + rows(c, "select global_position, aggregate_version, event_type, tenant_id, occurred_at"
                    + " from event_log where aggregate_id = ? order by global_position", id));
            lines.add(id + " board row (status, version, position, time): " + rows(c, "select status, version, global_position, updated_at from task_board"
                    + " where task_id = ?", id));
            for (String checkpoint : rowList(c, "select projector, aggregate_version, global_position, updated_at"
                    + " from projection_checkpoint where aggregate_id = ? order by projector", id)) {
                long position = Long.parseLong(checkpoint.split(" ")[2]);
                lines.add(id + " checkpoint (projector, version, position, time) " + checkpoint + "; the log there: "
                        + rows(c, "select aggregate_id, aggregate_version, event_type, tenant_id from event_log"
                                + " where global_position = ?", position));
            }
        }
    }

    private static String row(Connection c, String sql, Object parameter) throws SQLException {
        List<String> found = rowList(c, sql, parameter);
        return found.isEmpty() ? "none" : found.get(0);
    }

    private static String rows(Connection c, String sql, Object parameter) throws SQLException {
        List<String> found = rowList(c, sql, parameter);
        return found.isEmpty() ? "none" : String.join(" | ", found);
    }

    private static List<String> rowList(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setObject(1, parameter);
            }
            List<String> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> values = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        values.add(String.valueOf(rs.getObject(i)));
                    }
                    found.add(String.join(" ", values));
                }
            }
            return found;
        }
    }
}
