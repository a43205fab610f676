package dev.shepherd.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 settings Shepherd adds to a URL: commits written at once and never into reused space,
 * statements kept prepared.
 */
class DatabaseSettingsTest {
  @TempDir Path folder;

  @Test
  void an_h2_file_database_writes_each_commit_and_keeps_every_statement_prepared()
      throws Exception {
    String url = "jdbc:h2:file:" + folder.resolve("shepherd");
    try (Database database = Database.open(url, "", "", null);
        Connection connection = database.dataSource().getConnection()) {
      assertThat(setting(connection, "WRITE_DELAY")).isEqualTo("0");
      assertThat(Integer.parseInt(setting(connection, "QUERY_CACHE_SIZE")))
          .isEqualTo(Database.H2_STATEMENT_CACHE);
    }
  }

  @Test
  void settings_the_url_names_are_left_as_the_operator_wrote_them() {
    String url = "jdbc:h2:file:/data/shepherd;QUERY_CACHE_SIZE=16;write_delay=100";
    assertThat(Database.withStatementCache(Database.durable(url)))
        .isEqualTo(url + ";REUSE_SPACE=FALSE");
    String noReuse =
        "jdbc:h2:file:/data/shepherd;REUSE_SPACE=TRUE;WRITE_DELAY=0;QUERY_CACHE_SIZE=16";
    assertThat(Database.withStatementCache(Database.durable(noReuse))).isEqualTo(noReuse);
    assertThat(Database.withStatementCache("jdbc:postgresql://db/shepherd"))
        .isEqualTo("jdbc:postgresql://db/shepherd");
  }

  private static String setting(Connection connection, String name) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = '"
                    + name
                    + "'")) {
      assertThat(row.next()).as(name + " is one of H2's settings").isTrue();
      return row.getString(1);
    }
  }
}
