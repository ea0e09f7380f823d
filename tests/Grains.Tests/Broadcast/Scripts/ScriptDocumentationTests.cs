using ContactCenter.Grains.Broadcast.Scripts;

namespace ContactCenter.Grains.Tests.Broadcast.Scripts;

public sealed class ScriptDocumentationTests
{
    [Fact]
    public void DocumentedExample_ParsesAndValidatesCleanly()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Grains", "Broadcast", "SCRIPTS.md"));
        var start = doc.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        var script = AgentScriptParser.Parse(yaml);

        Assert.DoesNotContain(AgentScriptValidator.Validate(script), i => i.Path != "dispositions");
        Assert.True(AgentScriptValidator.IsRunnable(script));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactCenter.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ContactCenter.sln not found above the test directory.");
    }
}
