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
}
