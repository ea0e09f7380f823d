namespace ContactCenter.Grains.Common;

/// <summary>The grain's entity was never created or has been deleted (HTTP 404).</summary>
[GenerateSerializer, Alias("cc.EntityNotFoundException")]
public sealed class EntityNotFoundException : DomainException
{
    public EntityNotFoundException(string entity, string id) : this(entity, id, $"{entity} '{id}' was not found.") { }

    /// <summary>For an entity that exists but not where it was looked for (a list not attached to a campaign).</summary>
    public EntityNotFoundException(string entity, string id, string message) : base(message)
    {
        Entity = entity;
        EntityId = id;
    }

    [Id(0)] public string Entity { get; init; }
    [Id(1)] public string EntityId { get; init; }
}
