package io.tandem.kernel.event;

import javax.sql.DataSource;

/** Lets tests in other kernel packages wire an EventLog as the container would. */
public final class EventLogAccess {
    private EventLogAccess() {}

    public static void setDataSource(EventLog eventLog, DataSource dataSource) {
        eventLog.dataSource = dataSource;
    }
}
