namespace ContactCenter.Silo.Database;

/// <summary>
/// Reads and rewrites a cluster's <c>pg_hba.conf</c>. Clusters created by earlier versions were
/// initialised with <c>--auth=trust</c>: every local user could connect as the superuser without a
/// password and run OS commands through <c>COPY ... TO PROGRAM</c>. Those lines are switched to
/// SCRAM, which is what initdb writes for <c>--auth=scram-sha-256</c>.
/// </summary>
internal static class HostBasedAuthentication
{
    public const string FileName = "pg_hba.conf";

    private const string Trust = "trust";
    private const string Scram = "scram-sha-256";

    // The method follows type, database, user (and, for host rules, the address): it is never one of
    // the first three fields, so a database or user named "trust" is not mistaken for it.
    private const int FirstMethodField = 3;

    /// <summary>Whether any rule of the cluster lets a client in without a password.</summary>
    public static async Task<bool> TrustsAnyoneAsync(string cluster, CancellationToken ct)
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(cluster, FileName), ct);
        return lines.Any(line => Tokens(line).Skip(FirstMethodField).Contains(Trust, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Replaces the <c>trust</c> method by <c>scram-sha-256</c> in every rule, keeping comments and
    /// all other rules as they are. The server reads the file again on reload (SIGHUP).
    /// </summary>
    public static async Task RequirePasswordsAsync(string cluster, PostgresTools tools, CancellationToken ct)
    {
        var path = Path.Combine(cluster, FileName);
        var lines = await File.ReadAllLinesAsync(path, ct);
        var rewritten = lines.Select(RequirePassword).ToList();

        // Written beside it and renamed over it, so that the server never reads half a file, with the
        // owner and mode initdb gives it (the server refuses nothing here, but others need not read it).
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var writer = new StreamWriter(LocalPostgresSecrets.CreateOwnerOnly(temporary)))
            {
                foreach (var line in rewritten)
                {
                    await writer.WriteAsync(line.AsMemory(), ct);
                    await writer.WriteAsync('\n');
                }
            }

            await tools.GiveToServiceUserAsync(temporary, ct);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string RequirePassword(string line)
    {
        var tokens = Tokens(line);
        var method = tokens.Count > FirstMethodField
            ? tokens.FindIndex(FirstMethodField, t => t.Equals(Trust, StringComparison.OrdinalIgnoreCase))
            : -1;
        if (method < 0)
        {
            return line;
        }

        // Only the method token changes: the text around it (alignment, comments) stays.
        var content = line.Split('#', 2)[0];
        var comment = line.Length > content.Length ? line[content.Length..] : string.Empty;
        var start = 0;
        for (var i = 0; i <= method; i++)
        {
            start = content.IndexOf(tokens[i], start, StringComparison.Ordinal) + (i < method ? tokens[i].Length : 0);
        }

        return string.Concat(content.AsSpan(0, start), Scram, content.AsSpan(start + Trust.Length), comment);
    }

    // pg_hba.conf (PostgreSQL 15 manual §21.1): whitespace-separated fields, '#' starts a comment.
    // Quoted names with spaces do not occur in the files we write, so plain splitting is enough.
    private static List<string> Tokens(string line) =>
        [.. line.Split('#', 2)[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)];
}
