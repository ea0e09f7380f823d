using ContactCenter.Api.Problems;

namespace ContactCenter.Api.Common;

public sealed partial class GrainFanOut
{
    // Ids only: the exception tells an operator why, the template carries no personal data.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity} {Id} could not be read and was left out of the list: {Kind} ({Cause})")]
    private static partial void LogUnreadable(ILogger logger, string entity, string id, FailureKind kind, string cause, Exception exception);
}
