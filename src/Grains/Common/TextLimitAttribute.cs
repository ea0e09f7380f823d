namespace ContactCenter.Grains.Common;

/// <summary>
/// The longest value a text field, parameter or (on a list of strings) each item takes, and whether
/// line breaks and tabs belong in it. The API enforces it at the edge and publishes it in the OpenAPI
/// document; fields without it take <see cref="TextLimits.Default"/> and no line breaks.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class TextLimitAttribute(int maxLength) : Attribute
{
    public int MaxLength { get; } = maxLength;

    /// <summary>Free text that may hold line breaks and tabs (notes, comments); other control characters are still refused.</summary>
    public bool Multiline { get; init; }
}
