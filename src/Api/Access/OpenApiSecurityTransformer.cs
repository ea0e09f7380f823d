using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ContactCenter.Api.Access;

/// <summary>
/// Declares the two ways in (session cookie, bearer API key) and, on every operation that is not
/// public, the security requirement, the roles allowed (from <see cref="AccessRules"/>) and the
/// 401 and 403 problem details it can answer.
/// </summary>
public sealed class OpenApiSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Bearer = "apiKey";
    public const string Session = "session";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key issued by an admin (POST /api/api-keys), sent as 'Authorization: Bearer <key>'.",
        };
        document.Components.SecuritySchemes[Session] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = Accounts.AuthSchemes.SessionCookie,
            Description = "The browser session set by POST /api/auth/login; writes also need the X-XSRF-TOKEN header.",
        };
        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var rule = AccessRules.Find(description.HttpMethod ?? "GET", description.RelativePath ?? "");
        var access = rule?.Access ?? Access.Admin;
        if (access == Access.Public)
        {
            // Said outright ("security": []): open by design, not forgotten.
            operation.Security = [];
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Session, context.Document)] = [] });
        var allowed = AccessDescriptions.Of(access);
        operation.Description = string.IsNullOrEmpty(operation.Description) ? "Allowed: " + allowed : operation.Description + "\n\nAllowed: " + allowed;

        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("401", Response("Not signed in, or the API key is unknown or revoked.", problem));
        if (access != Access.SignedIn)
            operation.Responses.TryAdd("403", Response("Signed in, but the role or campaign scope does not allow this.", problem));
    }

    private static OpenApiResponse Response(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
    };
}
