namespace ContactCenter.Grains.Common;

[GenerateSerializer, Alias("cc.DirectoryState")]
public sealed class DirectoryState
{
    [Id(0)] public Dictionary<string, DirectoryEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}
