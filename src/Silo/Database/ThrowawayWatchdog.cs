using System.Diagnostics;

namespace ContactCenter.Silo.Database;

/// <summary>
/// Stops a throwaway server and deletes its folder when the process that started it dies without
/// disposing it (a killed test run). pg_ctl detaches the server from us, so nothing else would.
/// </summary>
internal static class ThrowawayWatchdog
{
    // Positional parameters instead of string splicing, so paths need no shell quoting.
    // $1 owner pid, $2 root folder, $3 pg_ctl path, $4 "runuser" when the tools run as postgres.
    private const string Script = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 2; done
        [ -d "$2" ] || exit 0
        if [ "$4" = runuser ]; then
            runuser -u postgres -- "$3" stop -D "$2/pgdata" -m immediate >/dev/null 2>&1
        else
            "$3" stop -D "$2/pgdata" -m immediate >/dev/null 2>&1
        fi
        rm -rf "$2"
        """;

    public static void Start(PostgresTools tools, string root)
    {
        // setsid -f puts the watchdog in its own session, outside our process tree, so that
        // killing the tree (as test runners do on a hang) does not take the watchdog with it.
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-f", "sh", "-c", Script, "cc-pg-watchdog",
                     Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), root,
                     Path.Combine(tools.BinDirectory, "pg_ctl"), tools.RunAsServiceUser ? "runuser" : "direct"])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)
            ?? throw new InvalidOperationException("Could not start the watchdog for the throwaway PostgreSQL server.");

        // setsid -f returns as soon as it has forked; waiting reaps it.
        process.WaitForExit(TimeSpan.FromSeconds(10));
    }
}
