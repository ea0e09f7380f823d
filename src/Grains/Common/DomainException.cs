namespace ContactCenter.Grains.Common;

/// <summary>
/// Base of the errors a grain raises on purpose. Orleans carries these across silos to the
/// API, which turns each kind into its problem-details status.
/// </summary>
[GenerateSerializer, Alias("cc.DomainException")]
public abstract class DomainException : Exception
{
    protected DomainException(string message) : base(message) { }
}
