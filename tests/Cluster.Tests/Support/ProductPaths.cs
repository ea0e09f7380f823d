namespace ContactCenter.Cluster.Tests.Support;

/// <summary>Where the built product lives: the Silo and API dlls of this configuration, under the repository root.</summary>
public static class ProductPaths
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string RepositoryRoot { get; } = FindRoot();

    public static string SiloDll => Existing(Path.Combine(RepositoryRoot, "src", "Silo", "bin", Configuration, "net10.0", "ContactCenter.Silo.dll"));

    public static string ApiDll => Existing(Path.Combine(RepositoryRoot, "src", "Api", "bin", Configuration, "net10.0", "ContactCenter.Api.dll"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactCenter.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ContactCenter.sln above {AppContext.BaseDirectory}.");
    }

    private static string Existing(string path) => File.Exists(path)
        ? path
        : throw new InvalidOperationException($"{path} is missing: build the solution in {Configuration} first (./test.sh does).");
}
