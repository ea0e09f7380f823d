using System.Data;
using ContactCenter.Silo.Database;
using ContactCenter.Silo.Tests.Support;
using Npgsql;

namespace ContactCenter.Silo.Tests.Database;

/// <summary>
/// Runs the stored Orleans queries the way the ADO.NET providers do (same parameter names and
/// DbTypes) to pin down the optimistic-concurrency answers that a cluster test rarely provokes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansQueriesTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private string connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await postgres.CreateDatabaseAsync("orleans_queries");
        await DatabaseMigrator.MigrateAsync(connectionString);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Membership_StaleVersion_IsRejectedAndChangesNothing()
    {
        Assert.Equal(1, await ScalarIntAsync("InsertMembershipVersionKey", Cluster("c1")));
        Assert.Equal(0, await ScalarIntAsync("InsertMembershipVersionKey", Cluster("c1")));

        Assert.Equal(1, await ScalarIntAsync("InsertMembershipKey", Silo("c1", generation: 1, version: 0)));
        // Version is now 1: a writer that still believes 0 must lose.
        Assert.Equal(0, await ScalarIntAsync("InsertMembershipKey", Silo("c1", generation: 2, version: 0)));
        // The same silo twice is refused even with the current version, and the version stays.
        Assert.Equal(0, await ScalarIntAsync("InsertMembershipKey", Silo("c1", generation: 1, version: 1)));

        Assert.Equal(0, await ScalarIntAsync("UpdateMembershipKey", SiloUpdate("c1", generation: 1, status: 6, version: 0)));
        Assert.Equal(1, await ScalarIntAsync("UpdateMembershipKey", SiloUpdate("c1", generation: 1, status: 6, version: 1)));

        var rows = await ReadMembershipAsync("c1");
        Assert.Equal([(1, 6, 2)], rows);
    }

    [Fact]
    public async Task Membership_ReadAllWithoutSilos_ReturnsVersionRowOnly()
    {
        await ScalarIntAsync("InsertMembershipVersionKey", Cluster("empty"));

        var rows = await ReadMembershipAsync("empty");

        Assert.Equal([(null, null, 0)], rows);
    }

    [Fact]
    public async Task Storage_EtagRules_FirstWriteOnceThenOnlyCurrentVersion()
    {
        // Guid-keyed grains have no key extension (NULL), which must still identify one row.
        Assert.Equal(1, await ScalarIntAsync("WriteToStorageKey", Grain(etag: null, payload: [1])));
        Assert.Null(await ScalarIntAsync("WriteToStorageKey", Grain(etag: null, payload: [2])));
        Assert.Equal(2, await ScalarIntAsync("WriteToStorageKey", Grain(etag: 1, payload: [3])));
        // A stale etag comes back unchanged, which Orleans reads as a conflict.
        Assert.Equal(1, await ScalarIntAsync("WriteToStorageKey", Grain(etag: 1, payload: [4])));

        // A different key extension is a different grain.
        Assert.Equal(1, await ScalarIntAsync("WriteToStorageKey", Grain(etag: null, payload: [9], extension: "x")));

        Assert.Equal(3, await ScalarIntAsync("ClearStorageKey", Grain(etag: 2, payload: null)));
        Assert.Null(await ScalarIntAsync("ClearStorageKey", Grain(etag: 2, payload: null)));

        await using var connection = await OpenAsync();
        await using var read = await CommandAsync(connection, "ReadFromStorageKey", Grain(etag: null, payload: null));
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.IsDBNull(reader.GetOrdinal("PayloadBinary")));
        Assert.Equal(3, reader.GetInt32(reader.GetOrdinal("Version")));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Reminders_UpsertBumpsEtagAndDeleteNeedsCurrentEtag()
    {
        Assert.Equal(0, await ScalarIntAsync("UpsertReminderRowKey", Reminder(period: 60_000)));
        Assert.Equal(1, await ScalarIntAsync("UpsertReminderRowKey", Reminder(period: 5_000_000_000)));

        Assert.Equal(0, await ScalarIntAsync("DeleteReminderRowKey", ReminderDelete(version: 0)));
        Assert.Equal(1, await ScalarIntAsync("DeleteReminderRowKey", ReminderDelete(version: 1)));
    }

    private static (string, object?, DbType)[] Cluster(string id) => [("DeploymentId", id, DbType.String)];

    private static (string, object?, DbType)[] Silo(string id, int generation, int version) =>
    [
        ("DeploymentId", id, DbType.String), ("Address", "127.0.0.1", DbType.AnsiString), ("Port", 11111, DbType.Int32),
        ("Generation", generation, DbType.Int32), ("SiloName", "silo", DbType.String), ("HostName", "host", DbType.String),
        ("Status", 3, DbType.Int32), ("ProxyPort", 30000, DbType.Int32), ("StartTime", Now, DbType.DateTime),
        ("IAmAliveTime", Now, DbType.DateTime), ("Version", version, DbType.Int32),
    ];

    private static (string, object?, DbType)[] SiloUpdate(string id, int generation, int status, int version) =>
    [
        ("DeploymentId", id, DbType.String), ("Address", "127.0.0.1", DbType.AnsiString), ("Port", 11111, DbType.Int32),
        ("Generation", generation, DbType.Int32), ("Status", status, DbType.Int32), ("SuspectTimes", null, DbType.String),
        ("IAmAliveTime", Now, DbType.DateTime), ("Version", version, DbType.Int32),
    ];

    private static (string, object?, DbType)[] Grain(int? etag, byte[]? payload, string? extension = null) =>
    [
        ("GrainIdHash", 17, DbType.Int32), ("GrainIdN0", 1L, DbType.Int64), ("GrainIdN1", 2L, DbType.Int64),
        ("GrainTypeHash", 23, DbType.Int32), ("GrainTypeString", "counter", DbType.String),
        ("GrainIdExtensionString", extension, DbType.String), ("ServiceId", "svc", DbType.String),
        ("GrainStateVersion", etag, DbType.Int32), ("PayloadBinary", payload, DbType.Binary),
    ];

    private static (string, object?, DbType)[] Reminder(long period) =>
    [
        ("ServiceId", "svc", DbType.String), ("GrainId", "probe/1", DbType.AnsiString), ("ReminderName", "tick", DbType.String),
        ("StartTime", Now, DbType.DateTime), ("Period", period, DbType.Int64), ("GrainHash", -5, DbType.Int32),
    ];

    private static (string, object?, DbType)[] ReminderDelete(int version) =>
    [
        ("ServiceId", "svc", DbType.String), ("GrainId", "probe/1", DbType.AnsiString),
        ("ReminderName", "tick", DbType.String), ("Version", version, DbType.Int32),
    ];

    private async Task<int?> ScalarIntAsync(string queryKey, (string Name, object? Value, DbType Type)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = await CommandAsync(connection, queryKey, parameters);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? null : Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<(int? Generation, int? Status, int Version)>> ReadMembershipAsync(string id)
    {
        await using var connection = await OpenAsync();
        await using var command = await CommandAsync(connection, "MembershipReadAllKey", Cluster(id));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int?, int?, int)>();
        while (await reader.ReadAsync())
        {
            int? Nullable(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetInt32(reader.GetOrdinal(column));
            rows.Add((Nullable("Generation"), Nullable("Status"), reader.GetInt32(reader.GetOrdinal("Version"))));
        }

        return rows;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<NpgsqlCommand> CommandAsync(
        NpgsqlConnection connection, string queryKey, (string Name, object? Value, DbType Type)[] parameters)
    {
        await using var lookup = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection);
        lookup.Parameters.AddWithValue("key", queryKey);
        var text = (string?)await lookup.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No query {queryKey}.");

        var command = new NpgsqlCommand(text, connection);
        foreach (var (name, value, type) in parameters)
        {
            // As Orleans' DbExtensions.CreateParameter does: a DbType always, DBNull for null.
            command.Parameters.Add(new NpgsqlParameter { ParameterName = name, Value = value ?? DBNull.Value, DbType = type });
        }

        return command;
    }
}
