namespace ContactCenter.Grains.Common;

[GenerateSerializer, Immutable, Alias("cc.DirectoryEntry")]
public sealed record DirectoryEntry([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] DateTimeOffset CreatedAt);
