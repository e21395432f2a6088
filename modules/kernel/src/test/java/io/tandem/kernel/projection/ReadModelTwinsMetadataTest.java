package io.tandem.kernel.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.schema.InMemoryDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Table metadata as a rebuild and a tenant's export read it, by the names the code uses (lower case) on H2. */
class ReadModelTwinsMetadataTest {
    @Test
    void readsColumnsSortedAndThePrimaryKeyInKeyOrder() throws SQLException {
        DataSource dataSource = InMemoryDatabase.withKernelSchema();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table card_list (title varchar(10), tenant_id uuid not null, position bigint not null,"
                    + " card_id uuid not null, primary key (tenant_id, position, card_id))");
            ReadModelTwins twins = new ReadModelTwins();
            twins.dataSource = dataSource;

            assertThat(twins.columns("card_list")).containsExactly("card_id", "position", "tenant_id", "title");
            assertThat(ReadModelTwins.primaryKey(c, "card_list")).containsExactly("tenant_id", "position", "card_id");
            assertThat(ReadModelTwins.primaryKey(c, "no_such_table")).isEmpty();
        }
    }
}
