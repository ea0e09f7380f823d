using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// N silo processes of the built product (src/Silo, Release) joined into one Orleans cluster through
/// PostgreSQL, the way scripts/cluster.sh starts them.
/// </summary>
public sealed class SiloFleet : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly List<SiloProcess> silos = [];
    private readonly string binaries;

    private SiloFleet(string binaries, string logDirectory, string clusterId)
    {
        this.binaries = binaries;
        LogDirectory = logDirectory;
        ClusterId = clusterId;
    }

    public string ClusterId { get; }
    public string LogDirectory { get; }
    public IReadOnlyList<SiloProcess> Silos => silos;

    /// <summary>Starts <paramref name="count"/> silos and returns once every one is Active in the membership table.</summary>
    /// <param name="binaries">A folder for the copy of the silo build the processes run; deleted on dispose.</param>
    /// <param name="logDirectory">Where each silo's output goes (silo-N.log); kept.</param>
    public static async Task<SiloFleet> StartAsync(int count, string connectionString, NpgsqlDataSource db, string binaries, string logDirectory)
    {
        var clusterId = $"cluster-load-{Guid.NewGuid():N}"[..21];
        var fleet = new SiloFleet(await SnapshotBinariesAsync(binaries), logDirectory, clusterId);
        Directory.CreateDirectory(fleet.LogDirectory);
        try
        {
            // The first silo creates the cluster's membership version row; the others then join together.
            await fleet.WaitForGatewayAsync(fleet.Launch(1, connectionString));
            var rest = Enumerable.Range(2, count - 1).Select(n => fleet.Launch(n, connectionString)).ToList();
            foreach (var silo in rest) await fleet.WaitForGatewayAsync(silo);
            await fleet.WaitForMembershipAsync(db, count);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>TERMs every silo together, KILLs what still runs after <paramref name="grace"/>; returns how many had to be killed.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        var clean = await Task.WhenAll(silos.Select(s => s.StopAsync(grace)));
        return clean.Count(c => !c);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in silos) await silo.DisposeAsync();
        try
        {
            Directory.Delete(binaries, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A copy left in the temp folder is harmless.
        }
    }

    private SiloProcess Launch(int number, string connectionString)
    {
        var silo = SiloProcess.Start(number, Path.Combine(binaries, "ContactCenter.Silo.dll"), connectionString, ClusterId,
            FreePort(), FreePort(), Path.Combine(LogDirectory, $"silo-{number}.log"));
        silos.Add(silo);
        Console.WriteLine($"silo {number}: pid {silo.Pid}, silo port {silo.SiloPort}, gateway {silo.GatewayPort}, log {silo.LogPath}");
        return silo;
    }

    private async Task WaitForGatewayAsync(SiloProcess silo)
    {
        await WaitAsync($"silo {silo.Number}'s gateway port {silo.GatewayPort}", () => AcceptsAsync(silo.GatewayPort));
    }

    // Placement only spreads grains over silos that every silo already sees as Active.
    private async Task WaitForMembershipAsync(NpgsqlDataSource db, int count)
    {
        await WaitAsync($"{count} Active silos in the membership table", async () =>
        {
            await using var cmd = db.CreateCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = $1 AND status = 3");
            cmd.Parameters.Add(new() { Value = ClusterId });
            return (long)(await cmd.ExecuteScalarAsync())! >= count;
        });
    }

    private async Task WaitAsync(string what, Func<Task<bool>> ready)
    {
        var clock = Stopwatch.StartNew();
        while (!await ready())
        {
            if (silos.FirstOrDefault(s => s.HasExited) is { } dead)
                throw new InvalidOperationException($"silo {dead.Number} exited before {what}; last lines of {dead.LogPath}:{Environment.NewLine}{dead.Tail(30)}");
            if (clock.Elapsed > StartTimeout) throw new TimeoutException($"no {what} after {StartTimeout.TotalSeconds} s (logs in {LogDirectory})");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Copies the silo build to <paramref name="workDirectory"/>: other people rebuild src/Silo while a
    /// run goes on, and a silo started from a half-written bin folder would fail or run other code.
    /// </summary>
    private static async Task<string> SnapshotBinariesAsync(string copy)
    {
        var root = RepositoryRoot();
        var built = Path.Combine(root, "src", "Silo", "bin", "Release", "net10.0");
        if (!File.Exists(Path.Combine(built, "ContactCenter.Silo.dll")))
        {
            Console.WriteLine("the Release silo is missing; building the solution");
            using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine(root, "ContactCenter.sln"), "-c", "Release", "-nologo", "-v", "q"]) { UseShellExecute = false })!;
            await build.WaitForExitAsync();
            if (build.ExitCode != 0) throw new InvalidOperationException("dotnet build of the solution failed.");
        }
        foreach (var file in Directory.EnumerateFiles(built, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(built, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactCenter.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ContactCenter.sln above {AppContext.BaseDirectory}.");
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
