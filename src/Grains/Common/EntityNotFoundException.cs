namespace ContactCenter.Grains.Common;

/// <summary>The grain's entity was never created or has been deleted (HTTP 404).</summary>
[GenerateSerializer, Alias("cc.EntityNotFoundException")]
public sealed class EntityNotFoundException : DomainException
{
    public EntityNotFoundException(string entity, string id) : base($"{entity} '{id}' was not found.")
    {
        Entity = entity;
        EntityId = id;
    }

    [Id(0)] public string Entity { get; init; }
    [Id(1)] public string EntityId { get; init; }
}
