using System.Diagnostics;
using ContactCenter.Grains.Leads;
using ContactCenter.Silo.Database;
using ContactCenter.Silo.Hosting;
using ContactCenter.Silo.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ContactCenter.Silo.Tests.Database;

/// <summary>
/// The project-local PostgreSQL as <c>./run.sh</c> gets it (through <see cref="DatabaseBootstrap"/>):
/// passwords on every connection, the product as an ordinary role, and folders of earlier versions
/// (trust authentication, the product as superuser) brought to that state with their data.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalPostgresSecurityTests
{
    [Fact]
    public async Task Bootstrap_NewFolder_ProductRoleIsOrdinary_PasswordsRequired_MigrationsApplied()
    {
        var directory = NewFolder("cc-pg-secure");
        try
        {
            var (connectionString, local) = await PrepareAsync(directory);
            await using (local)
            {
                Assert.NotNull(local);
                await AssertProductRoleIsOrdinaryAsync(connectionString);
                await AssertPasswordsRequiredAsync(local, connectionString);

                var applied = await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_migrations");
                Assert.Equal(MigrationCatalog.LoadEmbedded().Count, (int)applied);
                Assert.Equal(0L, await Sql.ScalarAsync<long>(connectionString, NotOwnedByMeSql));

                foreach (var file in (string[])["superuser.password", "contactcenter.password"])
                {
                    var path = Path.Combine(directory, file);
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
                    Assert.Equal(Environment.IsPrivilegedProcess ? "postgres" : Environment.UserName, await OwnerAsync(path));
                }
            }
        }
        finally
        {
            await DeleteAsync(directory);
        }
    }

    [Fact]
    public async Task Bootstrap_FolderOfAnEarlierVersion_IsSecuredInPlace_KeepingItsRows()
    {
        const int Leads = 25;
        var directory = NewFolder("cc-pg-legacy");
        try
        {
            // What an earlier version left: trust authentication, the database and all its objects the
            // superuser's, migrated only part-way (the rest is applied after the upgrade, as the new owner).
            var legacy = await LegacyPostgresFolder.CreateAsync(directory);
            await Sql.ExecuteAsync(legacy.ConnectionString("postgres"), "CREATE DATABASE contactcenter");
            var legacyDatabase = legacy.ConnectionString("contactcenter");
            await DatabaseMigrator.ApplyMigrationsAsync(legacyDatabase, MigrationCatalog.LoadEmbedded().Where(m => m.Version <= 5));
            long listId;
            await using (var db = NpgsqlDataSource.Create(legacyDatabase))
            {
                var store = new LeadStore(db);
                listId = (await store.CreateListAsync("kept", "US")).Id;
                for (var i = 0; i < Leads; i++)
                {
                    var phone = $"+1212555{i:D4}";
                    // Written as that version wrote them: today's store names columns later migrations add.
                    await using var insert = db.CreateCommand("INSERT INTO leads (list_id, first_name, last_name, phone, time_zone, status) VALUES ($1, 'Kept', $2, $3, 'UTC', 'New')");
                    insert.Parameters.Add(new() { Value = listId });
                    insert.Parameters.Add(new() { Value = $"{i}" });
                    insert.Parameters.Add(new() { Value = phone });
                    await insert.ExecuteNonQueryAsync();
                }
            }

            Assert.Equal("cc", await Sql.ScalarAsync<string>(legacyDatabase, "SELECT current_user"));
            await legacy.StopAsync();

            var (connectionString, local) = await PrepareAsync(directory);
            await using (local)
            {
                Assert.NotNull(local);
                Assert.Equal(legacy.Port, local.Port);
                await AssertProductRoleIsOrdinaryAsync(connectionString);
                await AssertPasswordsRequiredAsync(local, connectionString);
                Assert.DoesNotContain(
                    File.ReadLines(Path.Combine(directory, "pgdata", "pg_hba.conf")).Select(l => l.Split('#')[0]),
                    l => l.Contains("trust", StringComparison.Ordinal));

                // Everything the superuser owned in the database is the product's now, and the
                // migrations after 5 (an index on leads needs its owner) ran as the product.
                Assert.Equal(0L, await Sql.ScalarAsync<long>(connectionString, NotOwnedByMeSql));
                Assert.Equal("contactcenter", await Sql.ScalarAsync<string>(connectionString,
                    "SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database()"));
                Assert.Equal(MigrationCatalog.LoadEmbedded().Count, (int)await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_migrations"));
                Assert.Equal(1L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_indexes WHERE indexname = 'leads_hopper_idx'"));

                await using var db = NpgsqlDataSource.Create(connectionString);
                var store = new LeadStore(db);
                var kept = await store.SearchAsync(new LeadQuery(ListId: listId, Limit: 100));
                Assert.Equal(Leads, kept.Items.Count);
                Assert.All(kept.Items, lead => Assert.Equal("Kept", lead.FirstName));
                // The product writes to the tables and their sequences as their owner.
                await store.InsertAsync(new NewLead { ListId = listId, FirstName = "New", Phone = "+12125559999" }, "+12125559999", "UTC");
                Assert.Equal(Leads + 1L, await Sql.ScalarAsync<long>(connectionString, $"SELECT count(*) FROM leads WHERE list_id = {listId}"));
            }

            // A second start finds nothing left to change.
            var (again, second) = await PrepareAsync(directory);
            await using (second)
            {
                Assert.Equal(Leads + 1L, await Sql.ScalarAsync<long>(again, $"SELECT count(*) FROM leads WHERE list_id = {listId}"));
            }
        }
        finally
        {
            await DeleteAsync(directory);
        }
    }

    // Relations and functions of the public schema that the connected role does not own.
    private const string NotOwnedByMeSql = """
        SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relowner <> current_user::regrole)
             + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'public' AND p.proowner <> current_user::regrole)
        """;

    private static async Task AssertProductRoleIsOrdinaryAsync(string connectionString)
    {
        Assert.Equal("contactcenter", await Sql.ScalarAsync<string>(connectionString, "SELECT current_user::text"));
        Assert.False(await Sql.ScalarAsync<bool>(connectionString, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        Assert.False(await Sql.ScalarAsync<bool>(connectionString, "SELECT rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls FROM pg_roles WHERE rolname = current_user"));

        // The way in that users found: a superuser runs any OS command through COPY ... TO PROGRAM.
        var copy = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(connectionString, "COPY (SELECT 1) TO PROGRAM 'id'"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, copy.SqlState);
        var read = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(connectionString, "SELECT pg_read_file('pg_hba.conf')"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, read.SqlState);
    }

    private static async Task AssertPasswordsRequiredAsync(LocalPostgresServer local, string connectionString)
    {
        // The superuser needs its password, over TCP and over the socket alike.
        var socketFolder = Path.Combine(local.RootDirectory, "run");
        foreach (var (user, host) in new[] { ("cc", "127.0.0.1"), ("contactcenter", "127.0.0.1"), ("cc", socketFolder), ("contactcenter", socketFolder) })
        {
            var withoutPassword = new NpgsqlConnectionStringBuilder(connectionString) { Host = host, Username = user, Password = null, Pooling = false };
            var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(() => Sql.ExecuteAsync(withoutPassword.ConnectionString, "SELECT 1"));
            Assert.Contains("password", refused.Message, StringComparison.OrdinalIgnoreCase);
        }

        var wrongPassword = new NpgsqlConnectionStringBuilder(connectionString) { Password = "wrong", Pooling = false };
        var wrong = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(wrongPassword.ConnectionString, "SELECT 1"));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, wrong.SqlState);

        Assert.True(await Sql.ScalarAsync<bool>(local.SuperuserConnectionString, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
    }

    private static Task<(string ConnectionString, LocalPostgresServer? LocalServer)> PrepareAsync(string directory)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ContactCenter:DataDirectory"] = directory })
            .Build();
        return DatabaseBootstrap.PrepareAsync(configuration, NullLoggerFactory.Instance);
    }

    private static string NewFolder(string prefix) => Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");

    private static async Task DeleteAsync(string directory)
    {
        NpgsqlConnection.ClearAllPools();
        if (!Directory.Exists(directory))
        {
            return;
        }

        // Running or not, a throwaway start on the folder ends with it stopped and deleted.
        await using (await LocalPostgresServer.StartAsync(new LocalPostgresOptions(directory, throwaway: true)))
        {
        }
    }

    private static async Task<string> OwnerAsync(string path)
    {
        var info = new ProcessStartInfo("stat") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", "%U", path]) info.ArgumentList.Add(argument);
        using var stat = Process.Start(info)!;
        var owner = (await stat.StandardOutput.ReadToEndAsync()).Trim();
        await stat.WaitForExitAsync();
        return owner;
    }
}
