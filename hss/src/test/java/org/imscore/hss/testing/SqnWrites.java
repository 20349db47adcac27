package org.imscore.hss.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.Trigger;

/**
 * Counts the writes of SQN_HE to an H2 database - every row an UPDATE of auth_sequence touches, whichever session
 * makes it - with a trigger H2 calls for each row: what a test asserts to tell that a MAR stored its SQN, or not.
 */
public final class SqnWrites implements Trigger {

  private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
  private static final AtomicInteger TRIGGERS = new AtomicInteger();

  private AtomicInteger count;

  /** Starts counting in the database at {@code jdbcUrl} (an embedded H2 this process has open, or will open). */
  public static AtomicInteger countIn(String jdbcUrl) {
    String name = "SQN_WRITES_" + TRIGGERS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    COUNTS.put(name, count);
    try (Connection c = DriverManager.getConnection(jdbcUrl, "", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TRIGGER " + name + " AFTER UPDATE ON auth_sequence FOR EACH ROW CALL '"
          + SqnWrites.class.getName() + "'");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the SQN writes of " + jdbcUrl, e);
    }
    return count;
  }

  @Override
  public void init(Connection connection, String schema, String trigger, String table, boolean before, int type) {
    count = COUNTS.get(trigger);
  }

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
    count.incrementAndGet();
  }
}
