using Npgsql;

namespace ContactCenter.Silo.Database;

/// <summary>Authentication, the product's role and the ownership of its database.</summary>
public sealed partial class LocalPostgresServer
{
    // How long a reloaded server may take to stop trusting connections (it reloads on SIGHUP, at once).
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Brings authentication and the product's role to what they must be. Runs at every start and
    /// changes nothing the second time, so a start that stopped half-way is finished by the next.
    /// </summary>
    private async Task SecureAsync(string cluster, CancellationToken ct)
    {
        if (await HostBasedAuthentication.TrustsAnyoneAsync(cluster, ct))
        {
            // Trust ignores the password we send, so this connects before the superuser has one.
            await using (var dataSource = CreateSuperuserDataSource(MaintenanceDatabase))
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
            await using (var alter = new NpgsqlCommand(
                $"ALTER ROLE {DatabaseCreator.QuoteIdentifier(SuperuserName)} PASSWORD '{ScramVerifier.Create(superuserPassword)}'", connection))
            {
                await alter.ExecuteNonQueryAsync(ct);
            }

            await HostBasedAuthentication.RequirePasswordsAsync(cluster, tools, ct);
            await ReloadConfigurationAsync(ct);
            LogPasswordsRequired(logger, cluster);
        }

        await using (var dataSource = CreateSuperuserDataSource(MaintenanceDatabase))
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            await ProductRole.EnsureAsync(connection, UserName, password, ct);
        }
    }

    /// <summary>Makes the server read pg_hba.conf again and waits until a connection without password is refused.</summary>
    private async Task ReloadConfigurationAsync(CancellationToken ct)
    {
        await using (var dataSource = CreateSuperuserDataSource(MaintenanceDatabase))
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection))
        {
            await reload.ExecuteNonQueryAsync(ct);
        }

        // The postmaster rereads the file when it handles the signal; until then new sessions could
        // still be trusted, so the start goes on only once one is refused.
        var started = TimeProvider.System.GetTimestamp();
        var probe = new NpgsqlConnectionStringBuilder(SuperuserConnectionString) { Password = null, Pooling = false }.ConnectionString;
        while (true)
        {
            try
            {
                await using var dataSource = ConnectionPools.CreateDataSource(probe, ConnectionPools.LocalServerPoolName);
                await using var connection = await dataSource.OpenConnectionAsync(ct);
            }
            catch (NpgsqlException ex) when (IsPasswordRequired(ex))
            {
                return;
            }

            if (TimeProvider.System.GetElapsedTime(started) > ReloadTimeout)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL on '{RootDirectory}' still lets clients in without a password after reloading {HostBasedAuthentication.FileName}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    // Asked for a password it does not have, Npgsql gives up with a plain NpgsqlException (network
    // failures carry the socket's exception inside); a server refusing the login says 28P01 or 28000.
    private static bool IsPasswordRequired(NpgsqlException ex) => ex is PostgresException postgres
        ? postgres.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification
        : ex.InnerException is null;

    private async Task EnsureDatabaseAsync(string name, CancellationToken ct)
    {
        await using var dataSource = CreateSuperuserDataSource(MaintenanceDatabase);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var owner = await ProductRole.OwnerOfDatabaseAsync(connection, name, ct);
        if (owner is null)
        {
            try
            {
                await ProductRole.CreateDatabaseAsync(connection, name, UserName, ct);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Created meanwhile by someone who does not take our folder lock (a psql session, an older script).
                owner = await ProductRole.OwnerOfDatabaseAsync(connection, name, ct) ?? throw new InvalidOperationException(
                    $"Database '{name}' was reported as existing, then as missing, on the local PostgreSQL server.", ex);
            }
        }

        if (owner != UserName)
        {
            // Made by an earlier version, when the product connected as the superuser.
            await using var onDatabase = CreateSuperuserDataSource(name);
            await using var connectionOnDatabase = await onDatabase.OpenConnectionAsync(ct);
            await ProductRole.TakeOverDatabaseAsync(connectionOnDatabase, name, owner, UserName, ct);
            LogDatabaseTakenOver(logger, name, owner, UserName);
        }
    }
}
