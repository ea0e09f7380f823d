using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ContactCenter.Web.Tests.Support;

/// <summary>
/// One person's browser: its own cookies and one page. Script errors on the page are collected and
/// fail the test when the session ends, so a page that throws cannot pass by looking right.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> errors = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.PageError += (_, message) => { lock (errors) errors.Add(message); };
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>Opens <paramref name="path"/>, is sent to the sign-in page, signs in and lands where the app sends the role.</summary>
    public async Task SignInAsync(string username, string password, string path = "/")
    {
        await Page.GotoAsync(path);
        // The app changes the address itself (history API): poll it rather than wait for a page load.
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/login"));
        await Page.GetByLabel("Username").FillAsync(username);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page).Not.ToHaveURLAsync(new Regex("/login"));
    }

    /// <summary>Saves the top of the page, as a 1280×800 screen shows it, as docs/screenshots/<paramref name="name"/>.png.</summary>
    public async Task ScreenshotAsync(string name)
    {
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf(name) });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        lock (errors) Assert.True(errors.Count == 0, "Script errors on the page: " + string.Join(" | ", errors));
    }
}
