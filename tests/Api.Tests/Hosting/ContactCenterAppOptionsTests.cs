using ContactCenter.Api.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Tests.Hosting;

public sealed class ContactCenterAppOptionsTests
{
    [Fact]
    public async Task BadOption_FailsTheBuildNamingTheKey_BeforeTheDatabaseIsLookedFor()
    {
        // No connection string: reaching the database step would start a local PostgreSQL; the check comes first.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ContactCenterApp.BuildAsync([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ContactCenter:Mode"] = "Banana", ["ContactCenter:DataDirectory"] = "/nonexistent/cc" })));

        Assert.Contains("ContactCenter:Mode:", error.Message);
    }
}
