using System.Text.Json;
using System.Text.RegularExpressions;
using ContactCenter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ContactCenter.Web.Tests;

/// <summary>
/// The campaign editor's choice of the disposition a wrap-up timeout records (one radio button per
/// disposition, or none) and its personal callback wait, through the page, the API and back.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CampaignWrapUpAndCallbackSettingsTests(WebServer server)
{
    private static string[] FlaggedIn(JsonElement definition) =>
        [.. definition.GetProperty("dispositions").EnumerateArray()
            .Where(d => d.TryGetProperty("wrapUpTimeout", out var flag) && flag.ValueKind == JsonValueKind.True)
            .Select(d => d.GetProperty("name").GetString()!)];

    [Fact]
    public async Task Editor_ChoosesTheWrapUpTimeoutDisposition_AndThePersonalCallbackWait()
    {
        await using var admin = await server.OpenAsync();
        var page = admin.Page;
        await admin.SignInAsync("admin", WebServer.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/manage$"));

        await page.GotoAsync("/manage/campaigns/new");
        var exact = new PageGetByLabelOptions { Exact = true };
        ILocator RadioOf(string name) => page.GetByLabel($"{name} is used when wrap-up times out", exact);
        var none = page.GetByLabel("None used when wrap-up times out", exact);
        var wait = page.GetByLabel(new Regex("^Wait for the agent \\(min\\)"));
        var records = page.GetByTestId("wrap-up-records");

        // A new campaign starts from the default set: its ninth, No Disposition, is the timeout's; the wait is 60 minutes.
        await page.GetByLabel("Name", exact).FillAsync("Wrap-up choice campaign");
        await Expect(page.Locator("#disp-8")).ToHaveValueAsync("No Disposition");
        await Expect(RadioOf("No Disposition")).ToBeCheckedAsync();
        await Expect(RadioOf("Sale")).Not.ToBeCheckedAsync();
        await Expect(none).Not.ToBeCheckedAsync();
        await Expect(records).ToContainTextAsync("No Disposition");
        await Expect(wait).ToHaveValueAsync("60");

        // A disposition of the user's own becomes the timeout's: the others are no longer, and the hint names it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a disposition" }).ClickAsync();
        await page.Locator("#disp-9").FillAsync("Timed Out");
        await page.GetByLabel("Timed Out retries", exact).CheckAsync();
        await RadioOf("Timed Out").CheckAsync();
        await Expect(RadioOf("No Disposition")).Not.ToBeCheckedAsync();
        await Expect(records).ToContainTextAsync("Timed Out");
        await wait.FillAsync("15");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/manage/campaigns/[0-9a-f]{12}$"));
        var campaignId = page.Url[^12..];
        var definition = (await server.GetAsync($"/api/campaigns/{campaignId}")).GetProperty("definition");
        Assert.Equal(new[] { "Timed Out" }, FlaggedIn(definition));
        Assert.Contains(definition.GetProperty("dispositions").EnumerateArray(), d => d.GetProperty("name").GetString() == "No Disposition");
        Assert.Equal(15, definition.GetProperty("personalCallbackWaitMinutes").GetInt32());

        // Reopened, the page shows what was stored.
        await page.ReloadAsync();
        await Expect(page.Locator("#disp-9")).ToHaveValueAsync("Timed Out");
        await Expect(RadioOf("Timed Out")).ToBeCheckedAsync();
        await Expect(RadioOf("No Disposition")).Not.ToBeCheckedAsync();
        await Expect(none).Not.ToBeCheckedAsync();
        await Expect(records).ToContainTextAsync("Timed Out");
        await Expect(wait).ToHaveValueAsync("15");

        // A disposition that needs a callback cannot be the timeout's: the page warns, the API refuses, and it is shown.
        await RadioOf("Callback").CheckAsync();
        var dispositions = page.Locator("section[aria-labelledby='dispositions-title']");
        await Expect(dispositions.GetByText("cannot need a callback")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save campaign" }).ClickAsync();
        await Expect(dispositions.Locator(".field-error", new() { HasText = "cannot schedule a callback" })).ToBeVisibleAsync();
        Assert.Equal(new[] { "Timed Out" }, FlaggedIn((await server.GetAsync($"/api/campaigns/{campaignId}")).GetProperty("definition")));

        // None chosen, and the wait at its limits: 0 is kept, past a week the API's message shows at the field.
        await none.CheckAsync();
        await Expect(RadioOf("Callback")).Not.ToBeCheckedAsync();
        await Expect(RadioOf("Timed Out")).Not.ToBeCheckedAsync();
        await wait.FillAsync("10081");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save campaign" }).ClickAsync();
        var waitField = page.Locator(".field").Filter(new() { Has = page.Locator("#c-callback-wait") });
        await Expect(waitField.Locator(".field-error")).ToContainTextAsync("10080");
        await Expect(wait).ToHaveAttributeAsync("aria-invalid", "true");
        await wait.FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save campaign" }).ClickAsync();
        await Expect(page.GetByText("Campaign saved.")).ToBeVisibleAsync();
        definition = (await server.GetAsync($"/api/campaigns/{campaignId}")).GetProperty("definition");
        Assert.Empty(FlaggedIn(definition));
        Assert.Equal(0, definition.GetProperty("personalCallbackWaitMinutes").GetInt32());

        await page.ReloadAsync();
        await Expect(none).ToBeCheckedAsync();
        await Expect(RadioOf("Timed Out")).Not.ToBeCheckedAsync();
        await Expect(RadioOf("No Disposition")).Not.ToBeCheckedAsync();
        await Expect(wait).ToHaveValueAsync("0");
    }
}
