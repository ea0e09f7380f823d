namespace ContactCenter.Grains.Common;

/// <summary>A state change the entity's state machine does not allow (HTTP 409).</summary>
[GenerateSerializer, Alias("cc.InvalidTransitionException")]
public sealed class InvalidTransitionException : DomainException
{
    public InvalidTransitionException(string entity, string id, string from, string action)
        : base($"{entity} '{id}' cannot {action} while {from}.")
    {
        Entity = entity;
        EntityId = id;
        From = from;
        Action = action;
    }

    public InvalidTransitionException(string message) : base(message) { }

    [Id(0)] public string Entity { get; init; } = "";
    [Id(1)] public string EntityId { get; init; } = "";
    [Id(2)] public string From { get; init; } = "";
    [Id(3)] public string Action { get; init; } = "";
}
