using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Api.Hosting;
using ContactCenter.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ContactCenter.Api.Tests.Access;

/// <summary>Users, sessions, API keys, lock-out, antiforgery and the audit trail, through the API.</summary>
[Collection(ApiCollection.Name)]
public sealed class AccountsTests(ApiServer server)
{
    private static Task<JsonNode> ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode expected) => Expect.StatusAsync(call, expected);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private async Task<string> SupervisorUserAsync(string password)
    {
        var name = Unique("sup");
        await ExpectAsync(server.Http.PostAsJsonAsync("/api/users", new { username = name, password, role = "supervisor" }), HttpStatusCode.Created);
        return name;
    }

    [Fact]
    public async Task Login_SetsAnHttpOnlyStrictSession_MeNamesTheUser_WrongPasswordIs401()
    {
        var name = await SupervisorUserAsync("correct horse battery");
        using var anonymous = server.Anonymous();
        var wrong = await ExpectAsync(anonymous.PostAsJsonAsync("/api/auth/login", new { username = name, password = "wrong password!" }), HttpStatusCode.Unauthorized);
        Assert.Equal(401, wrong["status"]!.GetValue<int>());

        using var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { username = name.ToUpperInvariant(), password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);

        using var browser = await TestAccounts.SignInAsync(server.BaseAddress, name, "correct horse battery");
        var me = await ExpectAsync(browser.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        Assert.Equal(name, me["username"]!.GetValue<string>());
        Assert.Equal("supervisor", me["role"]!.GetValue<string>());
        Assert.Null(me["agentId"]);
        Assert.Equal(3, me.AsObject().Count);
        await ExpectAsync(browser.GetAsync("/api/lists"), HttpStatusCode.OK);
        await ExpectAsync(browser.PostAsync("/api/auth/logout", null), HttpStatusCode.NoContent);
        await ExpectAsync(browser.GetAsync("/api/lists"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CookieWrites_NeedTheAntiforgeryToken_KeyWritesDoNot()
    {
        var name = await SupervisorUserAsync("antiforgery pass");
        using var browser = await TestAccounts.SignInAsync(server.BaseAddress, name, "antiforgery pass");
        await ExpectAsync(browser.PostAsJsonAsync("/api/lists", new { name = "with token" }), HttpStatusCode.Created);
        browser.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        var refused = await ExpectAsync(browser.PostAsJsonAsync("/api/lists", new { name = "without token" }), HttpStatusCode.Forbidden);
        Assert.Contains("X-XSRF-TOKEN", refused["detail"]!.GetValue<string>());
        // A cross-site form post: multipart, the cookie, no token.
        using var form = new MultipartFormDataContent { { new StringContent("phone\n+12127349999\n"), "file", "dnc.csv" } };
        await ExpectAsync(browser.PostAsync("/api/dnc/imports", form), HttpStatusCode.Forbidden);
        browser.DefaultRequestHeaders.Add("X-XSRF-TOKEN", "forged");
        await ExpectAsync(browser.PostAsJsonAsync("/api/lists", new { name = "forged token" }), HttpStatusCode.Forbidden);
        // A fresh token from the session works again.
        browser.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        var token = (await ExpectAsync(browser.GetAsync("/api/auth/antiforgery"), HttpStatusCode.OK))["token"]!.GetValue<string>();
        browser.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token);
        await ExpectAsync(browser.PostAsJsonAsync("/api/lists", new { name = "fresh token" }), HttpStatusCode.Created);
        await ExpectAsync(server.Http.PostAsJsonAsync("/api/lists", new { name = "key, no token" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount_WithAClearProblem()
    {
        var name = await SupervisorUserAsync("lockout password");
        using var anonymous = server.Anonymous();
        for (var i = 0; i < 4; i++)
            await ExpectAsync(anonymous.PostAsJsonAsync("/api/auth/login", new { username = name, password = "not it at all" }), HttpStatusCode.Unauthorized);
        var locked = await ExpectAsync(anonymous.PostAsJsonAsync("/api/auth/login", new { username = name, password = "not it at all" }), HttpStatusCode.TooManyRequests);
        Assert.Contains("locked", locked["title"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        // Even the right password waits for the lock to end.
        using var right = await anonymous.PostAsJsonAsync("/api/auth/login", new { username = name, password = "lockout password" });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(10));
        var user = await ExpectAsync(server.Http.GetAsync($"/api/users/{name}"), HttpStatusCode.OK);
        Assert.True(user["locked"]!.GetValue<bool>());
        // An admin resetting the password lifts the lock.
        await ExpectAsync(server.Http.PutAsJsonAsync($"/api/users/{name}", new { password = "a new password" }), HttpStatusCode.OK);
        (await TestAccounts.SignInAsync(server.BaseAddress, name, "a new password")).Dispose();
    }

    [Fact]
    public async Task RevokedKeys_AndDisabledOrChangedUsers_AreRefusedAtOnce()
    {
        var created = await ExpectAsync(server.Http.PostAsJsonAsync("/api/api-keys", new { name = "integration", role = "supervisor" }), HttpStatusCode.Created);
        Assert.Equal(2, created.AsObject().Count);
        var key = created["key"]!.GetValue<string>();
        var id = created["id"]!.GetValue<long>();
        using var integration = TestAccounts.WithKey(server.BaseAddress, key);
        await ExpectAsync(integration.GetAsync("/api/lists"), HttpStatusCode.OK);
        var listed = await ExpectAsync(server.Http.GetAsync("/api/api-keys"), HttpStatusCode.OK);
        Assert.DoesNotContain(key, listed.ToJsonString());
        await ExpectAsync(server.Http.DeleteAsync($"/api/api-keys/{id}"), HttpStatusCode.NoContent);
        await ExpectAsync(integration.GetAsync("/api/lists"), HttpStatusCode.Unauthorized);

        var name = await SupervisorUserAsync("disable me please");
        using var browser = await TestAccounts.SignInAsync(server.BaseAddress, name, "disable me please");
        await ExpectAsync(browser.GetAsync("/api/lists"), HttpStatusCode.OK);
        await ExpectAsync(server.Http.PutAsJsonAsync($"/api/users/{name}", new { disabled = true }), HttpStatusCode.OK);
        await ExpectAsync(browser.GetAsync("/api/lists"), HttpStatusCode.Unauthorized);
        await ExpectAsync(server.Anonymous().PostAsJsonAsync("/api/auth/login", new { username = name, password = "disable me please" }), HttpStatusCode.Unauthorized);

        var demoted = await SupervisorUserAsync("demote me please");
        using var demotedBrowser = await TestAccounts.SignInAsync(server.BaseAddress, demoted, "demote me please");
        await ExpectAsync(server.Http.DeleteAsync($"/api/users/{demoted}"), HttpStatusCode.NoContent);
        await ExpectAsync(demotedBrowser.GetAsync("/api/lists"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Users_ValidateRoleAgentAndPassword_AndTheLastAdminStays()
    {
        await ExpectAsync(server.Http.PostAsJsonAsync("/api/users", new { username = Unique("a"), password = "short", role = "supervisor" }), HttpStatusCode.BadRequest);
        await ExpectAsync(server.Http.PostAsJsonAsync("/api/users", new { username = Unique("a"), password = "long enough pw", role = "root" }), HttpStatusCode.BadRequest);
        await ExpectAsync(server.Http.PostAsJsonAsync("/api/users", new { username = Unique("a"), password = "long enough pw", role = "agent" }), HttpStatusCode.BadRequest);
        await ExpectAsync(server.Http.PostAsJsonAsync("/api/users", new { username = Unique("a"), password = "long enough pw", role = "agent", agentId = "no-such-agent" }), HttpStatusCode.BadRequest);
        var name = await SupervisorUserAsync("long enough pw");
        await ExpectAsync(server.Http.PostAsJsonAsync("/api/users", new { username = name.ToUpperInvariant(), password = "long enough pw", role = "supervisor" }), HttpStatusCode.Conflict);
        var users = await ExpectAsync(server.Http.GetAsync("/api/users"), HttpStatusCode.OK);
        Assert.DoesNotContain("passwordHash", users.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", users.ToJsonString(), StringComparison.Ordinal);
        await ExpectAsync(server.Http.DeleteAsync("/api/users/admin"), HttpStatusCode.Conflict);
        await ExpectAsync(server.Http.PutAsJsonAsync("/api/users/admin", new { role = "supervisor" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task DeletingAList_IsInTheAuditTrail_WhichCannotBeRewritten()
    {
        using var supervisor = await server.ClientAsync("supervisor");
        var list = await ExpectAsync(supervisor.PostAsJsonAsync("/api/lists", new { name = "to be deleted" }), HttpStatusCode.Created);
        var listId = list["id"]!.GetValue<long>();
        await ExpectAsync(supervisor.DeleteAsync($"/api/lists/{listId}"), HttpStatusCode.NoContent);
        await ExpectAsync(supervisor.GetAsync("/api/audit"), HttpStatusCode.Forbidden);
        var trail = (await ExpectAsync(server.Http.GetAsync($"/api/audit?path=/api/lists/{listId}&method=delete"), HttpStatusCode.OK)).AsArray();
        var row = Assert.Single(trail)!;
        Assert.Equal("key", row["actorKind"]!.GetValue<string>());
        Assert.StartsWith("key:", row["actor"]!.GetValue<string>());
        Assert.Equal(204, row["status"]!.GetValue<int>());
        Assert.Equal("127.0.0.1", row["remoteAddress"]!.GetValue<string>());
        Assert.Equal("api/lists/{id:long}", row["route"]!.GetValue<string>().TrimStart('/'));

        await using var db = NpgsqlDataSource.Create(server.ConnectionString);
        await using var update = db.CreateCommand("UPDATE audit_log SET actor = 'nobody'");
        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Contains("append-only", error.MessageText);
        await using var delete = db.CreateCommand("DELETE FROM audit_log");
        await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task TheOpenApiDocument_DeclaresBothWaysIn_And401And403OnProtectedOperations()
    {
        using var anonymous = server.Anonymous();
        var doc = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var schemes = doc["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", schemes["apiKey"]!["scheme"]!.GetValue<string>());
        Assert.Equal("cookie", schemes["session"]!["in"]!.GetValue<string>());
        var checkedCount = 0;
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (path.StartsWith("/health", StringComparison.Ordinal) || path == "/api/auth/login") continue;
                Assert.True(operation!["security"]?.AsArray().Count == 2, $"{method} {path} declares no security");
                Assert.True(operation["responses"]!["401"] is not null, $"{method} {path} declares no 401");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 50);
        Assert.NotNull(doc["paths"]!["/api/users"]!["get"]!["responses"]!["403"]);
    }

    [Fact]
    public async Task SignInsPerAddress_AndExportsPerKey_AreLimited_With429ProblemDetails()
    {
        var connectionString = await server.Postgres.CreateDatabaseAsync("limits_" + Guid.NewGuid().ToString("N")[..8]);
        var url = new Uri($"http://127.0.0.1:{ApiServer.FreePort()}");
        var settings = ApiServer.Settings(connectionString, url.ToString(), "Silo");
        settings["ContactCenter:Accounts:LoginsPerAddressPerMinute"] = "3";
        settings["ContactCenter:Accounts:ExportsPerMinute"] = "2";
        await using var app = await ContactCenterApp.BuildAsync([], b => b.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        try
        {
            // The admin's own sign-in is the first of the three.
            using var admin = await TestAccounts.AdminClientAsync(url);
            using var anonymous = new HttpClient { BaseAddress = url };
            for (var i = 0; i < 2; i++)
                await ExpectAsync(anonymous.PostAsJsonAsync("/api/auth/login", new { username = "nobody", password = "wrong password" }), HttpStatusCode.Unauthorized);
            var limited = await ExpectAsync(anonymous.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = TestAccounts.AdminPassword }), HttpStatusCode.TooManyRequests);
            Assert.Contains("try again", limited["detail"]!.GetValue<string>());

            for (var i = 0; i < 2; i++)
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/calls/export")).StatusCode);
            using var third = await admin.GetAsync("/api/calls/export");
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(third.Headers.RetryAfter);
            // Another key has its own allowance.
            using var other = TestAccounts.WithKey(url, await TestAccounts.IssueKeyAsync(admin, "supervisor"));
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/calls/export")).StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task FirstStart_WithoutAPassword_WritesAPrivateFile_ThatSignsIn()
    {
        var connectionString = await server.Postgres.CreateDatabaseAsync("first_admin_" + Guid.NewGuid().ToString("N")[..8]);
        var folder = Directory.CreateTempSubdirectory("cc-admin-");
        var file = Path.Combine(folder.FullName, "initial-admin-password");
        var url = $"http://127.0.0.1:{ApiServer.FreePort()}";
        var settings = ApiServer.Settings(connectionString, url, "Silo");
        settings.Remove("ContactCenter:Admin:Password");
        settings["ContactCenter:Admin:PasswordFile"] = file;
        await using var app = await ContactCenterApp.BuildAsync([], b => b.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        try
        {
            var password = (await File.ReadAllTextAsync(file)).Trim();
            Assert.True(password.Length >= 20);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            using var admin = await TestAccounts.SignInAsync(new Uri(url), "admin", password);
            var me = await ExpectAsync(admin.GetAsync("/api/auth/me"), HttpStatusCode.OK);
            Assert.Equal("admin", me["role"]!.GetValue<string>());
        }
        finally
        {
            await app.StopAsync();
            folder.Delete(recursive: true);
        }
    }
}
