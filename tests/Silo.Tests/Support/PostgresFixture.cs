using ContactCenter.Silo.Database;
using Npgsql;

namespace ContactCenter.Silo.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL server for the whole test run; each test class asks for its own
/// database so that classes never see each other's rows.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private LocalPostgresServer? server;
    private int databaseCounter;

    /// <summary>The running server.</summary>
    public LocalPostgresServer Server => server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix)
        => Server.CreateDatabaseAsync($"{prefix}_{Interlocked.Increment(ref databaseCounter)}");

    /// <summary>
    /// A connection string to a database name that does not exist yet, as the superuser: creating a
    /// database is beyond the product's role.
    /// </summary>
    public string ConnectionStringForMissingDatabase(string prefix)
        => new NpgsqlConnectionStringBuilder(Server.SuperuserConnectionString)
        {
            Database = $"{prefix}_{Interlocked.Increment(ref databaseCounter)}",
        }.ConnectionString;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cc-silo-tests-{Guid.NewGuid():N}");
        server = await LocalPostgresServer.StartAsync(new LocalPostgresOptions(directory, throwaway: true));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
