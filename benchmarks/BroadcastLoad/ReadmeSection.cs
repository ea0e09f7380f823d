namespace ContactCenter.Benchmarks.BroadcastLoad;

/// <summary>Replaces (or appends) one <c>## </c> section of a Markdown file, leaving the other sections alone.</summary>
public static class ReadmeSection
{
    public static void Write(string path, string heading, string body)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : ["# Benchmarks", ""];
        var start = lines.FindIndex(l => l.TrimEnd() == heading);
        var section = new List<string> { heading, "" };
        section.AddRange(body.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
        section.Add("");
        if (start < 0)
        {
            if (lines.Count > 0 && lines[^1].Length > 0) lines.Add("");
            lines.AddRange(section);
        }
        else
        {
            var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            lines.RemoveRange(start, (end < 0 ? lines.Count : end) - start);
            lines.InsertRange(start, section);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllLines(path, lines);
    }
}
