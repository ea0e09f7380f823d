using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using ContactCenter.Api.Input;
using ContactCenter.Api.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Hosting;

/// <summary>
/// What a request may be, wired in two calls: body sizes (Kestrel's limit, raised for uploads only;
/// 413 problem details that state the limit), the text and number rules of JSON bodies, path segments
/// and query values (<see cref="ContactCenter.Api.Input"/>), and the OpenAPI document that states them.
/// </summary>
public static class RequestLimits
{
    /// <summary>Binds and checks <see cref="RequestLimitOptions"/> and registers the rules; call before <c>Build</c>.</summary>
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        // Read and checked now, as the other options of the node are: Kestrel's limits are fixed before
        // the host starts, and a bad value must stop the build naming its key, not set an odd limit.
        builder.Services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var limits = builder.Configuration.GetSection(RequestLimitOptions.Section).Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        Validate(limits);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxBodyBytes);
        // Uploads are read section by section from the body, never as a buffered form; should a form
        // ever be bound, it gets the upload cap rather than the framework's 128 MB.
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = limits.MaxUploadBytes);
        builder.Services.Configure<ProblemDetailsOptions>(problems => problems.CustomizeProblemDetails += context =>
        {
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
                context.ProblemDetails.Detail = TooLarge(context.HttpContext);
        });
        builder.Services.PostConfigure<JsonOptions>(json =>
            json.SerializerOptions.TypeInfoResolver = (json.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(JsonBodyRules.Apply));
        builder.Services.Configure<OpenApiOptions>(ApiDocument.Name, ApiDocument.Configure);
        return builder;
    }

    /// <summary>Sets each request's body limit from its endpoint and checks its text; call right after <c>UseExceptionHandler</c>.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var options = http.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value;
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<UploadEndpoint>() is null ? options.MaxBodyBytes : options.MaxUploadBytes;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
            // A declared length over the limit is refused before a byte is read; a chunked body is
            // stopped by Kestrel when it passes the limit.
            if (http.Request.ContentLength > limit) throw new BadHttpRequestException(TooLarge(http), StatusCodes.Status413PayloadTooLarge);
            await next(http);
        });
        app.UseMiddleware<RequestTextGuard>();
        return app;
    }

    /// <summary>Declares an upload endpoint: its body may be as large as <see cref="RequestLimitOptions.MaxUploadBytes"/>.</summary>
    public static RouteHandlerBuilder AcceptsUpload(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(UploadEndpoint.Instance).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>The data annotations of <paramref name="limits"/>, each failure as "ContactCenter:Requests:Key: rule".</summary>
    public static void Validate(RequestLimitOptions limits)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(limits, new ValidationContext(limits), results, validateAllProperties: true)) return;
        throw new OptionsValidationException(Options.DefaultName, typeof(RequestLimitOptions),
            results.Select(r => $"{RequestLimitOptions.Section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }

    private static string TooLarge(HttpContext http)
    {
        var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        return limit is { } bytes
            ? $"The request body is larger than the {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes this endpoint accepts."
            : "The request body is larger than this endpoint accepts.";
    }
}
