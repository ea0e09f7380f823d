namespace ContactCenter.Web.Tests.Support;

/// <summary>Where the tests keep the README's pictures of each page: docs/screenshots of the checkout.</summary>
public static class Screenshots
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactCenter.sln")))
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "screenshots")).FullName;
        }
        // Run outside a checkout: keep them beside the test binaries.
        return Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    });

    public static string PathOf(string name) => Path.Combine(Folder.Value, name + ".png");
}
