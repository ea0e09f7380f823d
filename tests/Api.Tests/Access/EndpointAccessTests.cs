using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ContactCenter.Api.Access;
using ContactCenter.Api.Hosting;
using ContactCenter.Api.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Api.Tests.Access;

/// <summary>
/// Every endpoint the running node serves, found through its endpoint data source (so a new one
/// cannot be forgotten), called without credentials, with a garbage key and with each role.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EndpointAccessTests(ApiServer server)
{
    private const string OwnAgent = "acc-own-agent";

    private sealed record Operation(string Method, string Route, ContactCenter.Api.Access.Access Access, bool Multipart = false);

    private List<Operation> Operations()
    {
        var sources = server.Services.GetServices<EndpointDataSource>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith(ContactCenterApp.OrleansDashboardPath.TrimStart('/'), StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m =>
            {
                var route = AccessRules.Normalize(e.RoutePattern.RawText ?? "");
                var multipart = e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true;
                return new Operation(m, route, AccessRules.Find(m, route)?.Access ?? ContactCenter.Api.Access.Access.Admin, multipart);
            }))
            .DistinctBy(o => (o.Method, o.Route))
            .ToList();
    }

    [Fact]
    public void EveryEndpoint_IsNamedInTheAccessTable()
    {
        var operations = Operations();
        Assert.True(operations.Count > 60, $"only {operations.Count} operations found");
        var missing = operations.Where(o => AccessRules.Find(o.Method, o.Route) is null).Select(o => $"{o.Method} {o.Route}").ToList();
        Assert.True(missing.Count == 0, "Not in AccessRules.Table (so admin-only by default): " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryEndpoint_WithoutCredentialsOrWithAGarbageKey_Answers401ProblemDetails()
    {
        using var anonymous = server.Anonymous();
        using var garbage = TestAccounts.WithKey(server.BaseAddress, "garbage");
        using var unknown = TestAccounts.WithKey(server.BaseAddress, "cck_" + new string('A', 43));
        var checkedCount = 0;
        foreach (var operation in Operations().Where(o => o.Access != ContactCenter.Api.Access.Access.Public))
        {
            foreach (var client in new[] { anonymous, garbage, unknown })
            {
                using var response = await SendAsync(client, operation, "nobody");
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{operation.Method} {operation.Route}: {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 150);
    }

    [Fact]
    public async Task PublicEndpoints_AnswerWithoutCredentials()
    {
        using var anonymous = server.Anonymous();
        foreach (var path in new[] { "/health/live", "/health/ready", "/openapi/v1.json", "/scalar" })
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task ARequestForAnotherHostName_IsRefused_AgainstDnsRebinding()
    {
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/lists");
        rebound.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.SendAsync(rebound)).StatusCode);
        using var local = new HttpRequestMessage(HttpMethod.Get, "/api/lists");
        local.Headers.Host = "localhost";
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(local)).StatusCode);
    }

    [Fact]
    public async Task TheOrleansDashboard_IsForAdminsOnly()
    {
        using var anonymous = server.Anonymous();
        using var supervisor = await server.ClientAsync("supervisor");
        var path = ContactCenterApp.OrleansDashboardPath + "/";
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync(path)).StatusCode);
    }

    /// <summary>
    /// Each role against each endpoint: a role the line does not allow gets 403 problem details, one
    /// it allows gets past authorization (whatever the handler then says about made-up ids).
    /// </summary>
    [Fact]
    public async Task EveryEndpoint_RefusesTheWrongRole_AndLetsTheRightOneThrough()
    {
        using var created = await server.Http.PostAsync("/api/agents", Json(new JsonObject { ["name"] = "Access", ["id"] = OwnAgent }));
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{created.StatusCode}");
        using var agent = await server.ClientAsync("agent", OwnAgent);
        using var supervisor = await server.ClientAsync("supervisor");
        var failures = new List<string>();
        foreach (var (role, client) in new[] { ("agent", agent), ("supervisor", supervisor), ("admin", server.Http) })
        {
            foreach (var operation in Operations().Where(o => o.Access != ContactCenter.Api.Access.Access.Public))
            {
                var allowed = Allowed(operation, role);
                using var response = await SendAsync(client, operation, OwnAgent);
                var status = (int)response.StatusCode;
                if (allowed && status is 401 or 403)
                    failures.Add($"{role} {operation.Method} {operation.Route}: {status} but the role is allowed: {await response.Content.ReadAsStringAsync()}");
                if (!allowed && status != 403)
                    failures.Add($"{role} {operation.Method} {operation.Route}: {status} but the role is not allowed");
                if (!allowed && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{role} {operation.Method} {operation.Route}: 403 without problem details");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>What the table promises an unscoped role whose agent is logged out and on no call.</summary>
    private static bool Allowed(Operation operation, string role) => role switch
    {
        "admin" => true,
        "supervisor" => operation.Access is not ContactCenter.Api.Access.Access.Admin,
        _ => operation.Access switch
        {
            ContactCenter.Api.Access.Access.SignedIn => true,
            // The route's {id} is the agent's own in these requests.
            ContactCenter.Api.Access.Access.AgentSelf => true,
            _ => false,
        },
    };

    /// <summary>The operation with made-up values: the agent's own id on agent routes, ids that exist nowhere else.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Operation operation, string agentId)
    {
        var path = "/" + string.Join('/', operation.Route.Split('/').Select(segment => segment switch
        {
            "{id}" when operation.Route.StartsWith("api/agents/", StringComparison.Ordinal) => agentId,
            "{id}" or "{listId}" or "{version}" => "987654321",
            "{documentName}.json" => "v1.json",
            _ when segment.StartsWith('{') => "no-such-" + segment.Trim('{', '}', '?'),
            _ => segment,
        }));
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
        // The body the endpoint declares it takes: routing answers 415 before authorization otherwise.
        if (operation.Method is "POST" or "PUT" or "PATCH")
            request.Content = operation.Multipart ? new MultipartFormDataContent { { new StringContent(""), "nothing" } } : Json(new JsonObject());
        // Headers only: a live stream (GET /api/events) never ends; the status and type are what count.
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
