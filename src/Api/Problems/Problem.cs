using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Problems;

/// <summary>Shorthands for request checks done at the edge, before any grain is called.</summary>
public static class Problem
{
    public static void Require(bool condition, string field, string message)
    {
        if (!condition) throw new ValidationFailedException(field, message);
    }

    public static T RequireBody<T>(T? body) where T : class =>
        body ?? throw new ValidationFailedException("body", "A JSON body is required.");

    /// <summary>A member of <typeparamref name="T"/> by its name in any case; numbers and <paramref name="excluded"/> members are refused.</summary>
    public static bool TryParseName<T>(string? text, out T value, params T[] excluded) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _) && !excluded.Contains(value);

    /// <summary>The names <see cref="TryParseName"/> takes, for the error message.</summary>
    public static string NamesOf<T>(params T[] excluded) where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Where(v => !excluded.Contains(v)));
}
