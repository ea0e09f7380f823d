using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Input;

/// <summary>
/// Refuses a request whose path segments or query values break <see cref="TextRules"/> before any
/// handler runs: a NUL or another control character, a lone surrogate, a value longer than its
/// parameter's limit (<see cref="ParameterLimits"/>), a blank id in the path. Every endpoint is
/// covered, those added later too: the answer is a 400 problem naming the parameter.
/// </summary>
/// <remarks>
/// Kestrel itself refuses a percent-encoded NUL in the path (400 without a body) before the
/// application sees the request; this guard catches everything that gets through.
/// </remarks>
public sealed class RequestTextGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        var limits = endpoint is null ? null : ParameterLimits.Of(endpoint);
        var v = new Validation();
        foreach (var (name, raw) in http.Request.RouteValues)
        {
            if (raw is not string value) continue;
            if (limits?.GetValueOrDefault(name) is { } limit)
            {
                Check(v, name, value, limit.MaxLength, limit.Multiline);
                v.Require(!string.IsNullOrWhiteSpace(value), name, "Must not be blank.");
            }
            else
            {
                Check(v, name, value, TextLimits.Default, multiline: false);
            }
        }
        foreach (var (name, values) in http.Request.Query)
        {
            Check(v, "query", name, TextLimits.Id, multiline: false);
            var limit = limits?.GetValueOrDefault(name);
            foreach (var value in values)
            {
                if (value is not null) Check(v, name, value, limit?.MaxLength ?? TextLimits.Default, limit?.Multiline ?? false);
            }
        }
        v.ThrowIfInvalid();
        return next(http);
    }

    private static void Check(Validation v, string field, string value, int maxLength, bool multiline)
    {
        if (TextRules.Check(value, maxLength, multiline) is { } problem) v.Add(field, problem);
    }
}
