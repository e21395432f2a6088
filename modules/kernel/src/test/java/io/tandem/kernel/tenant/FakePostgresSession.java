package io.tandem.kernel.tenant;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One PostgreSQL session as a pool holds it, reduced to what {@link TenantSessions} touches: the
 * setting {@code tandem.tenant} with PostgreSQL's rules for {@code set_config}, transactions as a
 * pool with JTA runs them (autocommit off for one, back on after), and the statements sent. The
 * rules, checked against a real server by {@code RowLevelSecurityIT#setConfigKeepsTheRulesTheUnitTestsModel}:
 * <ul>
 *   <li>{@code set_config(…, false)} sets the session's value; inside a transaction a rollback
 *       takes it back, a commit keeps it;
 *   <li>{@code set_config(…, true)} sets it for the transaction only; outside one it lasts only
 *       for its own statement;
 *   <li>{@code current_setting} answers the value in force.
 * </ul>
 * Every handle the data source gives out is a handle on this one session, as a JTA pool gives
 * every holder in a transaction the same physical connection; {@link #registry} is the
 * transaction's registry, whose resources begin and end with the transaction. A statement other
 * than the setting's own that carries the term {@code set_config('tandem.tenant', ?, true)} stands
 * for one that folds the setting into its own work; its last parameter is the value.
 */
final class FakePostgresSession {
    private String session = "";
    private String current = "";
    private String atBegin;
    private boolean inTransaction;
    private final Map<Object, Object> resources = new HashMap<>();
    private boolean failNext;
    final List<String> statements = new ArrayList<>();

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> handle();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    Connection handle() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAutoCommit" -> !inTransaction;
                    case "prepareStatement" -> statement((String) args[0]);
                    case "close" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "handle@" + Integer.toHexString(System.identityHashCode(proxy));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    void begin() {
        if (inTransaction) {
            throw new IllegalStateException("a transaction is open");
        }
        inTransaction = true;
        atBegin = session;
        resources.clear();
    }

    void commit() {
        end();
    }

    void rollback() {
        session = atBegin;
        end();
    }

    private void end() {
        if (!inTransaction) {
            throw new IllegalStateException("no transaction is open");
        }
        inTransaction = false;
        current = session;
        resources.clear();
    }

    TransactionSynchronizationRegistry registry() {
        return (TransactionSynchronizationRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TransactionSynchronizationRegistry.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getTransactionStatus" -> inTransaction ? Status.STATUS_ACTIVE : Status.STATUS_NO_TRANSACTION;
                    case "getResource" -> live().get(args[0]);
                    case "putResource" -> live().put(args[0], args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Map<Object, Object> live() {
        if (!inTransaction) {
            throw new IllegalStateException("no transaction is active");
        }
        return resources;
    }

    /** The next statement fails before it changes anything. */
    void failNext() {
        failNext = true;
    }

    boolean inTransaction() {
        return inTransaction;
    }

    /** The value a statement would see now. */
    String current() {
        return current;
    }

    /** The value the session keeps when no transaction is open: what the pool's next holder gets. */
    String kept() {
        return session;
    }

    private PreparedStatement statement(String sql) {
        String[] parameter = new String[1];
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setString" -> {
                        parameter[0] = (String) args[1];
                        yield null;
                    }
                    case "setObject", "setLong", "setTimestamp" -> null;
                    case "execute" -> {
                        run(sql, parameter[0]);
                        yield true;
                    }
                    case "executeQuery" -> {
                        run(sql, parameter[0]);
                        yield result(current);
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private void run(String sql, String value) throws SQLException {
        statements.add(sql);
        if (failNext) {
            failNext = false;
            throw new SQLException("failed as the test asked: " + sql);
        }
        if (sql.equals("select set_config('tandem.tenant', ?, false)")) {
            session = value;
            current = value;
        } else if (sql.contains("set_config('tandem.tenant', ?, true)")) {
            if (inTransaction) {
                current = value;
            }
        } else if (!sql.equals("select current_setting('tandem.tenant', true)")) {
            throw new UnsupportedOperationException(sql);
        }
    }

    private static ResultSet result(String value) {
        boolean[] read = new boolean[1];
        return (ResultSet) Proxy.newProxyInstance(FakePostgresSession.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "next" -> {
                        boolean first = !read[0];
                        read[0] = true;
                        yield first;
                    }
                    case "getString" -> value;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
