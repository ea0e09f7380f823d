namespace ContactCenter.Api.Problems;

/// <summary>
/// Declares, for the OpenAPI document, the RFC 9457 problem details an endpoint really answers. The
/// handlers raise them as exceptions (<see cref="DomainExceptionHandler"/>, <see cref="UnavailableExceptionHandler"/>),
/// which a handler's return type cannot show.
/// </summary>
public static class ProblemResponses
{
    /// <summary>400 with per-field errors: a path segment, query value or body field breaks a rule.</summary>
    public static RouteHandlerBuilder ProducesInvalid(this RouteHandlerBuilder endpoint) => endpoint.ProducesValidationProblem();

    /// <summary>A JSON body: 400 (not JSON, or a field breaks a rule), 413 (larger than the body limit), 415 (not <c>application/json</c>).</summary>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>404: the entity the path (or the body) names does not exist.</summary>
    public static RouteHandlerBuilder ProducesNotFound(this RouteHandlerBuilder endpoint) => endpoint.ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>409: the change is not allowed in the entity's current state, or its stored state moved under the request.</summary>
    public static RouteHandlerBuilder ProducesConflict(this RouteHandlerBuilder endpoint) => endpoint.ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>503 for every endpoint of a group that reads grains or PostgreSQL: the cluster or the database is away, or a stored state cannot be read.</summary>
    public static RouteGroupBuilder ProducesUnavailable(this RouteGroupBuilder group) => group.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
