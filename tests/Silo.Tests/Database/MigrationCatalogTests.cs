using ContactCenter.Silo.Database;

namespace ContactCenter.Silo.Tests.Database;

public sealed class MigrationCatalogTests
{
    [Fact]
    public void LoadEmbedded_ContainsOrleansMigrationFirst()
    {
        var migrations = MigrationCatalog.LoadEmbedded();

        Assert.Equal(1, migrations[0].Version);
        Assert.Equal("0001_orleans.sql", migrations[0].Name);
        Assert.Contains("OrleansQuery", migrations[0].Sql);
        Assert.Equal(migrations.OrderBy(m => m.Version).Select(m => m.Name), migrations.Select(m => m.Name));
    }

    [Theory]
    [InlineData("0002_leads.sql", 2)]
    [InlineData("0010_call_history.sql", 10)]
    public void ParseVersion_WellFormedName_ReturnsPrefix(string fileName, int expected)
        => Assert.Equal(expected, MigrationCatalog.ParseVersion(fileName));

    [Theory]
    [InlineData("leads.sql")]
    [InlineData("0000_zero.sql")]
    [InlineData("0002-leads.sql")]
    [InlineData("0002_leads.txt")]
    public void ParseVersion_Misnamed_Throws(string fileName)
        => Assert.Throws<DatabaseMigrationException>(() => MigrationCatalog.ParseVersion(fileName));

    [Fact]
    public void Order_DuplicateVersion_Throws()
    {
        var error = Assert.Throws<DatabaseMigrationException>(() => MigrationCatalog.Order(
        [
            new Migration(2, "0002_a.sql", "SELECT 1;"),
            new Migration(2, "0002_b.sql", "SELECT 2;"),
        ]));
        Assert.Contains("share version 2", error.Message);
    }

    [Fact]
    public void Checksum_IgnoresLineEndingsAndBom_ButNotContent()
    {
        var unix = Migration.ComputeChecksum("CREATE TABLE t (id int);\nSELECT 1;\n");

        Assert.Equal(unix, Migration.ComputeChecksum("\uFEFFCREATE TABLE t (id int);\r\nSELECT 1;\r\n"));
        Assert.NotEqual(unix, Migration.ComputeChecksum("CREATE TABLE t (id bigint);\nSELECT 1;\n"));
    }
}
