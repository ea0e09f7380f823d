using System.Reflection;
using System.Text.RegularExpressions;

namespace ContactCenter.Silo.Database;

/// <summary>
/// Finds the migrations embedded in this assembly (<c>Database/Migrations/NNNN_name.sql</c>).
/// </summary>
public static partial class MigrationCatalog
{
    private const string ResourceFolder = ".Database.Migrations.";

    /// <summary>
    /// Loads every embedded <c>NNNN_name.sql</c> migration, ordered by version (which is file-name
    /// order for zero-padded prefixes).
    /// </summary>
    /// <exception cref="DatabaseMigrationException">A script is misnamed, or two share a version.</exception>
    public static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var folderAt = resource.IndexOf(ResourceFolder, StringComparison.Ordinal);
            if (folderAt < 0 || !resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var fileName = resource[(folderAt + ResourceFolder.Length)..];
            migrations.Add(new Migration(ParseVersion(fileName), fileName, ReadResource(assembly, resource)));
        }

        return Order(migrations);
    }

    /// <summary>
    /// Reads the version from a migration file name such as <c>0002_leads.sql</c>.
    /// </summary>
    /// <exception cref="DatabaseMigrationException">The name does not follow <c>NNNN_name.sql</c>.</exception>
    public static int ParseVersion(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var match = FileNamePattern().Match(fileName);
        if (!match.Success || !int.TryParse(match.Groups["version"].ValueSpan, out var version) || version <= 0)
        {
            throw new DatabaseMigrationException(
                $"Migration '{fileName}' is misnamed: expected a positive number, an underscore and a name, e.g. '0002_leads.sql'.");
        }

        return version;
    }

    /// <summary>Sorts migrations by version and rejects duplicate versions.</summary>
    /// <exception cref="DatabaseMigrationException">Two migrations share a version.</exception>
    public static IReadOnlyList<Migration> Order(IEnumerable<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var ordered = migrations.OrderBy(m => m.Version).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Version == ordered[i - 1].Version)
            {
                throw new DatabaseMigrationException(
                    $"Migrations '{ordered[i - 1].Name}' and '{ordered[i].Name}' share version {ordered[i].Version}; give each its own number.");
            }
        }

        return ordered;
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new DatabaseMigrationException($"Embedded migration '{resource}' could not be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>[0-9]+)_[A-Za-z0-9_\-]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
