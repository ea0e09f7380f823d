using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ContactCenter.Api.Web;

/// <summary>
/// Serves the web UI: the production build of <c>ClientApp</c> (Vite + Svelte), which the build
/// writes to <c>wwwroot</c> next to the app with a Brotli and a gzip copy of every text file. The
/// pages hold no data (everything comes from the REST API with the caller's own credentials), so
/// the files are served before authentication. Hashed assets are cached for a year; index.html is
/// revalidated on every load so a new deployment is picked up at once.
/// </summary>
public static class WebUi
{
    /// <summary>Client-side routes: the browser gets index.html and the page's router takes over.</summary>
    public static readonly IReadOnlyList<string> PageRoutes = ["/", "/login", "/agent", "/dashboard", "/manage", "/manage/{**page}"];

    private const string AssetsPrefix = "/assets/";
    private const string ImmutableCache = "public, max-age=31536000, immutable";
    private const string RevalidateCache = "no-cache";
    private const string IndexFile = "index.html";

    /// <summary>
    /// The pages load only their own scripts and talk only to this origin; inline style attributes
    /// (bar widths) are the one exception. No other site may frame them (clickjacking an agent's desk).
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Static files of the UI, precompressed variants first; everything else passes through.</summary>
    public static WebApplication UseWebUi(this WebApplication app)
    {
        var files = Files(app);
        var types = new PrecompressedContentTypes();
        app.Use((http, next) => ChooseVariant(http, files, next));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = context.Context.Request.Path.StartsWithSegments(AssetsPrefix.TrimEnd('/')) ? ImmutableCache : RevalidateCache;
                headers.XContentTypeOptions = "nosniff";
            },
        });
        return app;
    }

    /// <summary>
    /// The client-side routes, answered with index.html. Only these paths: an unknown path under
    /// /api, /health or /openapi keeps its 404 problem details instead of getting a page.
    /// </summary>
    public static IEndpointRouteBuilder MapWebUi(this IEndpointRouteBuilder app)
    {
        var files = Files(app);
        foreach (var route in PageRoutes)
            app.MapGet(route, (HttpContext http) => Index(http, files)).ExcludeFromDescription().WithName("WebUi " + route);
        return app;
    }

    private static IResult Index(HttpContext http, IFileProvider files)
    {
        var (file, encoding) = Variant(http, files, "/" + IndexFile);
        if (file is null || file.PhysicalPath is null)
        {
            return TypedResults.Problem(
                title: "The web UI is not built.",
                detail: "Build the API project (dotnet build) with Node.js 20.19+ and npm on the PATH; it runs 'npm ci' and 'npm run build' in src/Api/ClientApp.",
                statusCode: StatusCodes.Status404NotFound);
        }
        var headers = http.Response.Headers;
        headers.CacheControl = RevalidateCache;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        if (encoding is not null) headers.ContentEncoding = encoding;
        var tag = new EntityTagHeaderValue($"\"{file.LastModified.UtcTicks:x}-{file.Length:x}{encoding}\"");
        return TypedResults.PhysicalFile(file.PhysicalPath, "text/html; charset=utf-8", lastModified: file.LastModified, entityTag: tag);
    }

    /// <summary>Points a request for a file at its .br or .gz copy when the browser accepts that encoding.</summary>
    private static Task ChooseVariant(HttpContext http, IFileProvider files, RequestDelegate next)
    {
        var path = http.Request.Path.Value ?? "";
        if (!(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) || !Path.HasExtension(path))
            return next(http);
        // The compressed copies are served only as an encoding of their original, never on their own.
        if ((path.EndsWith(".br", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) && files.GetFileInfo(path).Exists)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        var original = files.GetFileInfo(path);
        if (!original.Exists || original.IsDirectory) return next(http);
        http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        var (_, encoding) = Variant(http, files, path);
        if (encoding is not null)
        {
            http.Response.Headers.ContentEncoding = encoding;
            http.Request.Path = path + Suffix(encoding);
        }
        return next(http);
    }

    /// <summary>The best copy of a file for the request's Accept-Encoding: Brotli, gzip, else the file itself.</summary>
    private static (IFileInfo? File, string? Encoding) Variant(HttpContext http, IFileProvider files, string path)
    {
        var accepted = AcceptedEncodings(http.Request);
        foreach (var encoding in new[] { "br", "gzip" })
        {
            if (!accepted.Contains(encoding)) continue;
            var compressed = files.GetFileInfo(path + Suffix(encoding));
            if (compressed.Exists) return (compressed, encoding);
        }
        var plain = files.GetFileInfo(path);
        return (plain.Exists ? plain : null, null);
    }

    private static HashSet<string> AcceptedEncodings(HttpRequest request)
    {
        var accepted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var values))
        {
            foreach (var value in values)
            {
                // "br;q=0" refuses an encoding outright.
                if (value.Quality is not 0 && value.Value.Value is { } name) accepted.Add(name);
            }
        }
        return accepted;
    }

    private static string Suffix(string encoding) => encoding == "br" ? ".br" : ".gz";

    private static IFileProvider Files(IEndpointRouteBuilder app)
    {
        var environment = app.ServiceProvider.GetRequiredService<IWebHostEnvironment>();
        // The content root is the app's own folder (see ContactCenterApp); the build copies wwwroot there.
        var root = Path.Combine(environment.ContentRootPath, "wwwroot");
        return Directory.Exists(root) ? new PhysicalFileProvider(root) : new NullFileProvider();
    }

    /// <summary>Content types by the original file's extension, so app.js.br is still JavaScript.</summary>
    private sealed class PrecompressedContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider known = new();

        public bool TryGetContentType(string subpath, out string contentType)
        {
            if (subpath.EndsWith(".br", StringComparison.OrdinalIgnoreCase) || subpath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                subpath = subpath[..^3];
            if (known.TryGetContentType(subpath, out var type))
            {
                contentType = type is "text/html" or "text/css" or "text/javascript" or "application/javascript" or "image/svg+xml" or "application/json"
                    ? type + "; charset=utf-8" : type;
                return true;
            }
            contentType = "";
            return false;
        }
    }
}
