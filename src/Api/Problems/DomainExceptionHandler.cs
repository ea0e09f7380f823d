using System.Text.Json;
using ContactCenter.Api.Input;
using ContactCenter.Grains.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ContactCenter.Api.Problems;

/// <summary>
/// Turns the grains' deliberate errors into RFC 9457 problem details: validation → 400 with
/// per-field messages, unknown entity → 404, illegal state change → 409; a request that cannot be
/// read → its status (400, 413, 415), with per-field messages when the JSON body was at fault.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? details = exception switch
        {
            ValidationFailedException v => new HttpValidationProblemDetails(v.Errors) { Status = 400, Title = "The request is invalid.", Detail = v.Message },
            EntityNotFoundException n => new ProblemDetails { Status = 404, Title = $"{n.Entity} not found.", Detail = n.Message },
            InvalidTransitionException t => new ProblemDetails { Status = 409, Title = "The change is not allowed in the current state.", Detail = t.Message },
            BadHttpRequestException { InnerException: JsonException json } b => Unreadable(b, json),
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = "The request could not be read.", Detail = b.InnerException?.Message ?? b.Message },
            _ => null,
        };
        if (details is null) return false;
        http.Response.StatusCode = details.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    /// <summary>A JSON body that is malformed, of the wrong shape, or breaks the text and number rules: each field by its path in the body.</summary>
    private static HttpValidationProblemDetails Unreadable(BadHttpRequestException request, JsonException json)
    {
        var at = FieldOf(json.Path);
        var errors = json is JsonFieldsException fields
            ? fields.Errors.ToDictionary(e => at is null ? e.Key : $"{at}.{e.Key}", e => e.Value)
            : new Dictionary<string, string[]> { [at ?? "body"] = [Sentence(json.Message)] };
        return new HttpValidationProblemDetails(errors)
        {
            Status = request.StatusCode,
            Title = "The request body is invalid.",
            // The serializer's own words keep its path, line and position, for whoever reads the raw answer.
            Detail = json.Message,
        };
    }

    /// <summary><c>$.dispositions[0].name</c> → <c>dispositions[0].name</c>; the root is no field.</summary>
    private static string? FieldOf(string? path) => path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The serializer's message without its trailer of path, line and byte position (the path is the error's key).</summary>
    private static string Sentence(string message)
    {
        var trailer = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return trailer > 0 ? message[..trailer] : message;
    }
}
