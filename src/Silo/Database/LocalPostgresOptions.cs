using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Silo.Database;

/// <summary>
/// Where and how <see cref="LocalPostgresServer"/> runs a project-local PostgreSQL.
/// </summary>
public sealed record LocalPostgresOptions
{
    /// <summary>Creates options; set <see cref="DataDirectory"/> in the initializer.</summary>
    public LocalPostgresOptions()
    {
    }

    /// <summary>Creates options for the given folder.</summary>
    [SetsRequiredMembers]
    public LocalPostgresOptions(string dataDirectory, int port = 0, bool throwaway = false)
    {
        DataDirectory = dataDirectory;
        Port = port;
        Throwaway = throwaway;
    }

    /// <summary>
    /// The folder that holds everything of this server: the cluster (<c>pgdata/</c>), its log
    /// (<c>postgres.log</c>), the remembered port (<c>port</c>), the socket folder (<c>run/</c>) and
    /// the generated passwords of the superuser and of the product's role (<c>superuser.password</c>,
    /// <c>contactcenter.password</c>, readable by the server's user only).
    /// Created if missing. When running as root it is handed to the <c>postgres</c> user, so every
    /// folder above it must be traversable by that user (e.g. under /tmp or the project folder,
    /// not under /root).
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// TCP port on 127.0.0.1. 0 picks a free port; for a persistent folder the chosen port is
    /// remembered in <c>port</c> so that the next start uses the same one.
    /// </summary>
    public int Port { get; init; }

    /// <summary>
    /// A test server: durability is switched off for speed (fsync, synchronous_commit,
    /// full_page_writes) and disposing stops it and deletes <see cref="DataDirectory"/>.
    /// </summary>
    public bool Throwaway { get; init; }

    /// <summary>
    /// Whether disposing stops a (non-throwaway) server that this instance started. A server that
    /// was already running and merely reused is never stopped. Default true.
    /// </summary>
    public bool StopOnDispose { get; init; } = true;

    /// <summary>
    /// Folder with <c>initdb</c> and <c>pg_ctl</c>; null looks in /usr/lib/postgresql/15/bin, then
    /// the newest /usr/lib/postgresql/*/bin.
    /// </summary>
    public string? BinDirectory { get; init; }
}
