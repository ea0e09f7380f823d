using ContactCenter.Grains.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ContactCenter.Api.Problems;

/// <summary>
/// Turns the grains' deliberate errors into RFC 9457 problem details: validation → 400 with
/// per-field messages, unknown entity → 404, illegal state change → 409.
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
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = "The request could not be read.", Detail = b.InnerException?.Message ?? b.Message },
            _ => null,
        };
        if (details is null) return false;
        http.Response.StatusCode = details.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }
}
