using System.Diagnostics;
using System.Globalization;
using ContactCenter.Silo.Database;
using Npgsql;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL server for the whole run; every test gets its own database on it. It can
/// be stopped and started again mid-test to play a database restart or outage.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private LocalPostgresServer? server;
    private int databaseCounter;

    public LocalPostgresServer Server => server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    /// <summary>A fresh database; <paramref name="maxPoolSize"/> caps each of a process's two pools.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, int? maxPoolSize = null)
    {
        var connectionString = await Server.CreateDatabaseAsync($"{prefix}_{Interlocked.Increment(ref databaseCounter)}");
        return maxPoolSize is { } size ? new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = size }.ConnectionString : connectionString;
    }

    public async Task InitializeAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cc-cluster-tests-{Guid.NewGuid():N}"[..32]);
        server = await LocalPostgresServer.StartAsync(new LocalPostgresOptions(directory, throwaway: true));
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (server is not null) await server.DisposeAsync();
    }

    /// <summary><c>pg_ctl stop -m fast</c>: sessions are cut, the server is gone until <see cref="StartAsync"/>.</summary>
    public Task StopAsync() => PgCtlAsync("stop", "-D", ClusterDirectory, "-m", "fast", "-w", "-t", "60");

    /// <summary>Starts the server again on its port with the options LocalPostgresServer gives a throwaway server.</summary>
    public Task StartAsync()
    {
        var socketDirectory = Path.Combine(Server.RootDirectory, "run");
        var sockets = Path.Combine(socketDirectory, $".s.PGSQL.{Server.Port}").Length < 100 ? $"\"{socketDirectory}\"" : "\"\"";
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-p {Server.Port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
        return PgCtlAsync("start", "-D", ClusterDirectory, "-l", Path.Combine(Server.RootDirectory, "postgres.log"), "-w", "-t", "60", "-o", options);
    }

    private string ClusterDirectory => Path.Combine(Server.RootDirectory, "pgdata");

    /// <summary>PostgreSQL refuses to run as root: as root, pg_ctl runs as the postgres user (as LocalPostgresServer does).</summary>
    private static async Task PgCtlAsync(params string[] arguments)
    {
        var pgCtl = Path.Combine(BinDirectory(), "pg_ctl");
        var info = Environment.IsPrivilegedProcess ? new ProcessStartInfo("runuser") : new ProcessStartInfo(pgCtl);
        if (Environment.IsPrivilegedProcess)
        {
            foreach (var a in (string[])["-u", "postgres", "--", pgCtl]) info.ArgumentList.Add(a);
        }
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = "/";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("pg_ctl did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static string BinDirectory()
    {
        const string Default = "/usr/lib/postgresql/15/bin";
        if (File.Exists(Path.Combine(Default, "pg_ctl"))) return Default;
        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
            .First();
    }
}
