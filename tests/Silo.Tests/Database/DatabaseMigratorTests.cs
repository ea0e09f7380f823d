using ContactCenter.Silo.Database;
using ContactCenter.Silo.Tests.Support;

namespace ContactCenter.Silo.Tests.Database;

[Collection(PostgresCollection.Name)]
public sealed class DatabaseMigratorTests(PostgresFixture postgres)
{
    private static readonly string[] RequiredQueryKeys =
    [
        // Clustering
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
        // Grain persistence
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        // Reminders
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task MigrateAsync_RunTwice_AppliesEachEmbeddedMigrationOnceWithAllOrleansQueries()
    {
        var connectionString = await postgres.CreateDatabaseAsync("migrate_twice");
        var embedded = MigrationCatalog.LoadEmbedded();

        await DatabaseMigrator.MigrateAsync(connectionString);
        var firstAppliedAt = await Sql.ScalarAsync<DateTime>(connectionString, "SELECT max(applied_at) FROM schema_migrations");
        await DatabaseMigrator.MigrateAsync(connectionString);

        var applied = await Sql.ColumnAsync(connectionString, "SELECT version || ':' || name || ':' || checksum FROM schema_migrations ORDER BY version");
        Assert.Equal(embedded.Select(m => $"{m.Version}:{m.Name}:{m.Checksum}"), applied);
        Assert.Equal(firstAppliedAt, await Sql.ScalarAsync<DateTime>(connectionString, "SELECT max(applied_at) FROM schema_migrations"));

        var keys = await Sql.ColumnAsync(connectionString, "SELECT QueryKey FROM OrleansQuery");
        Assert.Empty(RequiredQueryKeys.Except(keys));

        // The script runs through Npgsql without parameters; the @names inside the stored query
        // texts must reach the table untouched, or Orleans would bind nothing.
        var insertMembership = await Sql.ScalarAsync<string>(
            connectionString, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'InsertMembershipKey'");
        Assert.Contains("@DeploymentId", insertMembership);
        Assert.Contains("@IAmAliveTime", insertMembership);
    }

    [Fact]
    public async Task MigrateAsync_DatabaseMissing_CreatesItAndMigrates()
    {
        var connectionString = postgres.ConnectionStringForMissingDatabase("migrate_missing");

        await DatabaseMigrator.MigrateAsync(connectionString);

        var keys = await Sql.ColumnAsync(connectionString, "SELECT QueryKey FROM OrleansQuery");
        Assert.Empty(RequiredQueryKeys.Except(keys));
    }

    [Fact]
    public async Task MigrateAsync_AppliedMigrationEdited_RefusesWithClearMessage()
    {
        var connectionString = await postgres.CreateDatabaseAsync("migrate_edited");
        await DatabaseMigrator.ApplyMigrationsAsync(connectionString, [new Migration(1, "0001_first.sql", "CREATE TABLE first_table (id int);")]);

        var error = await Assert.ThrowsAsync<DatabaseMigrationException>(() => DatabaseMigrator.ApplyMigrationsAsync(
            connectionString,
            [
                new Migration(1, "0001_first.sql", "CREATE TABLE first_table (id bigint);"),
                new Migration(2, "0002_second.sql", "CREATE TABLE second_table (id int);"),
            ]));

        Assert.Contains("0001_first.sql", error.Message);
        Assert.Contains("was changed after it was applied", error.Message);
        // Nothing after the refusal ran.
        Assert.Null(await Sql.ScalarAsync<string>(connectionString, "SELECT to_regclass('second_table')::text"));
    }

    [Fact]
    public async Task MigrateAsync_EmbeddedChecksumTampered_Refuses()
    {
        var connectionString = await postgres.CreateDatabaseAsync("migrate_tampered");
        await DatabaseMigrator.MigrateAsync(connectionString);
        await Sql.ExecuteAsync(connectionString, "UPDATE schema_migrations SET checksum = 'not-the-original' WHERE version = 1");

        await Assert.ThrowsAsync<DatabaseMigrationException>(() => DatabaseMigrator.MigrateAsync(connectionString));
    }

    [Fact]
    public async Task MigrateAsync_ScriptFails_RollsBackThatMigrationOnly()
    {
        var connectionString = await postgres.CreateDatabaseAsync("migrate_failing");
        var first = new Migration(1, "0001_first.sql", "CREATE TABLE first_table (id int);");

        var error = await Assert.ThrowsAsync<DatabaseMigrationException>(() => DatabaseMigrator.ApplyMigrationsAsync(
            connectionString,
            [first, new Migration(2, "0002_broken.sql", "CREATE TABLE half_done (id int); SELECT 1 / 0;")]));

        Assert.Contains("0002_broken.sql", error.Message);
        Assert.Contains("22012", error.Message); // division_by_zero
        Assert.Null(await Sql.ScalarAsync<string>(connectionString, "SELECT to_regclass('half_done')::text"));
        Assert.Equal(["1"], await Sql.ColumnAsync(connectionString, "SELECT version::text FROM schema_migrations"));

        await DatabaseMigrator.ApplyMigrationsAsync(
            connectionString, [first, new Migration(2, "0002_broken.sql", "CREATE TABLE half_done (id int);")]);
        Assert.Equal(["1", "2"], await Sql.ColumnAsync(connectionString, "SELECT version::text FROM schema_migrations ORDER BY 1"));
    }

    [Fact]
    public async Task MigrateAsync_ConcurrentStartersOnMissingDatabase_ApplyEachMigrationOnce()
    {
        var connectionString = postgres.ConnectionStringForMissingDatabase("migrate_concurrent");
        // Not idempotent on purpose: a second run of this script would fail on CREATE TABLE.
        Migration[] migrations =
        [
            new Migration(1, "0001_runs.sql", "CREATE TABLE runs (n int); INSERT INTO runs VALUES (1);"),
            new Migration(2, "0002_more.sql", "INSERT INTO runs VALUES (2);"),
        ];

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => DatabaseMigrator.ApplyMigrationsAsync(connectionString, migrations))));

        Assert.Equal(["1", "2"], await Sql.ColumnAsync(connectionString, "SELECT n::text FROM runs ORDER BY n"));
    }

    [Fact]
    public async Task MigrateAsync_NoDatabaseInConnectionString_Throws()
    {
        var error = await Assert.ThrowsAsync<DatabaseMigrationException>(
            () => DatabaseMigrator.MigrateAsync("Host=127.0.0.1;Username=cc"));
        Assert.Contains("names no database", error.Message);
    }
}
