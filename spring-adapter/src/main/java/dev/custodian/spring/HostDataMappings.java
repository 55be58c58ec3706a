package dev.custodian.spring;

import dev.custodian.jdbc.Dialect;
import dev.custodian.jdbc.HostDataMapping;
import dev.custodian.jdbc.JdbcHostData;
import dev.custodian.jdbc.SubjectKind;
import dev.custodian.jdbc.TableMapping;
import dev.custodian.terms.CategoryId;
import java.util.Map;
import javax.sql.DataSource;

/** Turns {@code custodian.host-data.*} into the JDBC adapter's table mappings. */
final class HostDataMappings {
  private HostDataMappings() {}

  static JdbcHostData jdbcHostData(DataSource dataSource, Dialect dialect, CustodianSettings settings) {
    HostDataMapping.Builder mapping = HostDataMapping.builder();
    for (Map.Entry<CategoryId, CustodianProperties.TableMapping> e : settings.hostData().entrySet()) {
      mapping.table(tableMapping(e.getKey(), e.getValue()));
    }
    try {
      return JdbcHostData.builder(dataSource, mapping.build()).dialect(dialect).build();
    } catch (IllegalArgumentException ex) {
      // A mapped table or column the database does not have: name the mapping that says so.
      // Or a column whose collation would merge client ids: the fix is then in the table.
      throw new InvalidCustodianPropertyException(CustodianSettings.PREFIX + "host-data",
          ex.getMessage(), "Correct the mapping under 'custodian.host-data', or the table it"
              + " names, as the description says; a mapping has no default.", ex);
    }
  }

  static TableMapping tableMapping(CategoryId category, CustodianProperties.TableMapping m) {
    String property = "host-data." + category;
    try {
      TableMapping.Builder b = TableMapping.builder(category)
          .table(m.getTable())
          .id(m.getIdColumn())
          .client(m.getClientColumn())
          .time(m.getTimeColumn());
      m.getSubjectColumns().forEach((column, kind) -> b.subject(column, SubjectKind.ofCode(kind)));
      if (m.getRestrictedColumn() != null && !m.getRestrictedColumn().isBlank()) {
        b.restricted(m.getRestrictedColumn());
      }
      return b.build();
    } catch (IllegalArgumentException ex) {
      throw CustodianSettings.invalid(property, ex.getMessage());
    }
  }
}
