using System.Text.RegularExpressions;
using ContactCenter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>What each role may open: pages deny what the API refuses anyway.</summary>
[Collection(WebCollection.Name)]
public sealed class PageAccessTests(WebServer server)
{
    [Fact]
    public async Task Agent_CannotOpenManagementPages()
    {
        var password = await server.CreateAgentUserAsync("web-nosy", "Nosy Agent");
        await using var agent = await server.OpenAsync();
        var page = agent.Page;

        // Signed out, a management address leads to the sign-in page and back to it afterwards.
        await page.GotoAsync("/manage/lists");
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?next=%2Fmanage%2Flists$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await agent.ScreenshotAsync("login");
        await page.GetByLabel("Username").FillAsync("web-nosy");
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/manage/lists$"));
        await ExpectDeniedAsync(page);
        await agent.ScreenshotAsync("denied");

        foreach (var path in new[] { "/manage", "/manage/campaigns/new", "/manage/lists/1/import", "/manage/users", "/dashboard" })
        {
            await page.GotoAsync(path);
            await ExpectDeniedAsync(page);
        }
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link)).ToHaveTextAsync(["Agent desktop"]);

        // The API refuses the same session whatever a page would try.
        var read = await page.EvaluateAsync<int>("() => fetch('/api/lists').then(r => r.status)");
        var write = await page.EvaluateAsync<int>(@"() => fetch('/api/lists', { method: 'POST', headers: { 'Content-Type': 'application/json',
            'X-XSRF-TOKEN': decodeURIComponent(document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).slice(11)) },
            body: JSON.stringify({ name: 'sneaky' }) }).then(r => r.status)");
        Assert.Equal(403, read);
        Assert.Equal(403, write);

        await page.GotoAsync("/agent");
        await Expect(page.GetByTestId("agent-status")).ToHaveTextAsync("Offline");
    }

    private static async Task ExpectDeniedAsync(IPage page)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not open to your account");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Management" })).ToHaveCountAsync(0);
    }
}
