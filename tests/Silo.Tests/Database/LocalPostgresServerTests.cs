using ContactCenter.Silo.Database;
using ContactCenter.Silo.Tests.Support;

namespace ContactCenter.Silo.Tests.Database;

[Collection(PostgresCollection.Name)]
public sealed class LocalPostgresServerTests(PostgresFixture postgres)
{
    [Fact]
    public async Task StartAsync_SameDataDirectory_ReusesServerThenRestartsOnRememberedPortWithData()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cc-pg-reuse-{Guid.NewGuid():N}");
        try
        {
            int port;
            await using (var first = await LocalPostgresServer.StartAsync(new LocalPostgresOptions(directory)))
            {
                port = first.Port;
                await Sql.ExecuteAsync(first.ConnectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42);");

                await using (var second = await LocalPostgresServer.StartAsync(new LocalPostgresOptions(directory)))
                {
                    Assert.Equal(first.Port, second.Port);
                    Assert.Equal(first.ConnectionString, second.ConnectionString);
                }

                // The second instance only reused the server, so disposing it must not stop it.
                Assert.Equal(42, await Sql.ScalarAsync<int>(first.ConnectionString, "SELECT id FROM kept"));

                await Assert.ThrowsAsync<InvalidOperationException>(
                    () => LocalPostgresServer.StartAsync(new LocalPostgresOptions(directory, port: first.Port == 1 ? 2 : 1)));
            }

            // The first instance started it, so disposing stopped it; a new start brings it back
            // on the remembered port with the data intact.
            await using var restarted = await LocalPostgresServer.StartAsync(new LocalPostgresOptions(directory));
            Assert.Equal(port, restarted.Port);
            Assert.Equal(42, await Sql.ScalarAsync<int>(restarted.ConnectionString, "SELECT id FROM kept"));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using (await LocalPostgresServer.StartAsync(new LocalPostgresOptions(directory, throwaway: true)))
            {
                // Running or not, a throwaway start on the folder ends with it stopped and deleted.
            }
        }

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task StartAsync_TwoStartersOnNewFolderAtOnce_ShareOneServer()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cc-pg-race-{Guid.NewGuid():N}");
        var starts = await Task.WhenAll(
            Task.Run(() => LocalPostgresServer.StartAsync(new LocalPostgresOptions(directory, throwaway: true))),
            Task.Run(() => LocalPostgresServer.StartAsync(new LocalPostgresOptions(directory, throwaway: true))));
        try
        {
            Assert.Equal(starts[0].Port, starts[1].Port);
            Assert.Equal(1, await Sql.ScalarAsync<int>(starts[1].ConnectionString, "SELECT 1"));
        }
        finally
        {
            await starts[0].DisposeAsync();
            await starts[1].DisposeAsync();
        }

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task ConnectionString_PointsAtContactCenterDatabaseAsTheProductRole()
    {
        var database = await Sql.ScalarAsync<string>(postgres.Server.ConnectionString, "SELECT current_database() || '/' || current_user");

        Assert.Equal("contactcenter/contactcenter", database);
    }

    [Fact]
    public async Task CreateDatabaseAsync_NewName_ReturnsEmptyDatabase()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"created_{Guid.NewGuid():N}");

        var tables = await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
        Assert.Equal(0L, tables);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("1starts_with_digit")]
    [InlineData("semi;colon")]
    [InlineData("a_name_that_is_far_too_long_for_postgresql_identifiers_abcdefghij")]
    public async Task CreateDatabaseAsync_InvalidName_Throws(string name)
        => await Assert.ThrowsAsync<ArgumentException>(() => postgres.Server.CreateDatabaseAsync(name));

    [Fact]
    public async Task CreateDatabaseAsync_ExistingName_Throws()
        => await Assert.ThrowsAsync<InvalidOperationException>(() => postgres.Server.CreateDatabaseAsync(LocalPostgresServer.DatabaseName));
}
