using Npgsql;

namespace ContactCenter.Silo.Database;

/// <summary>
/// How many PostgreSQL connections one process may hold. It has two pools: the stores' data source
/// (leads, hopper, call records) and Orleans' ADO.NET providers (membership, grain state, reminders),
/// which open their own <c>NpgsqlConnection</c>s. Npgsql lets each pool grow to 100, so one process
/// could ask for 200 where PostgreSQL serves 100 by default; 500 agents made Ready at once did just
/// that and calls failed with "sorry, too many clients already". Capped, a burst waits a few
/// milliseconds for a pooled connection instead. A connection string that sets
/// <c>Maximum Pool Size</c> keeps its own value.
/// </summary>
public static class ConnectionPools
{
    public const int StoresDefault = 40;
    public const int OrleansDefault = 20;

    // Pool names. Npgsql tags its metrics with the pool's name (db.client.connection.pool.name) and,
    // for a pool without one, uses the connection string: host, port, database and user went out on
    // /metrics. Every connection we open goes through a named data source for that reason.
    public const string StoresPoolName = "stores";
    public const string OrleansPoolName = "orleans";
    public const string MigrationsPoolName = "migrations";
    public const string LocalServerPoolName = "local-postgres";

    /// <summary>
    /// A data source whose pool is called <paramref name="name"/> in Npgsql's metrics. A data source
    /// made for a single task must be disposed after it: Npgsql reports every live pool.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, string name)
        => new NpgsqlDataSourceBuilder(connectionString) { Name = name }.Build();

    /// <summary>The connection string for the stores' data source.</summary>
    public static string ForStores(string connectionString) => WithDefaultMaximum(connectionString, StoresDefault);

    /// <summary>The connection string for Orleans' clustering, storage and reminder providers.</summary>
    public static string ForOrleans(string connectionString) => WithDefaultMaximum(connectionString, OrleansDefault);

    private static string WithDefaultMaximum(string connectionString, int maximum)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Npgsql's builder reports its default when the keyword is absent; the raw keywords tell.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.Keys.Cast<string>().Any(IsMaximumPoolSize)) builder.MaxPoolSize = Math.Max(maximum, builder.MinPoolSize);
        return builder.ConnectionString;
    }

    // The keywords Npgsql takes for it ("Maximum Pool Size", "MaxPoolSize"), in any case.
    private static bool IsMaximumPoolSize(string keyword) =>
        keyword.Replace(" ", "", StringComparison.Ordinal).Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)
        || keyword.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase);
}
