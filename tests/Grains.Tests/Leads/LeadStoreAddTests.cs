using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Support;

namespace ContactCenter.Grains.Tests.Leads;

[Collection(GrainsCollection.Name)]
public sealed class LeadStoreAddTests(GrainsCluster fixture)
{
    [Fact]
    public async Task Add_ConcurrentSameNumberUnderSkip_ExactlyOneLeadIsAdded()
    {
        var list = await fixture.Leads.CreateListAsync("race", "US");
        var phone = GrainsCluster.NextPhone();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            fixture.Leads.AddAsync(new NewLead { ListId = list.Id, FirstName = $"R{i}", Phone = phone }, phone, timeZone: null, duplicates: DuplicatePolicy.Skip)));

        var added = Assert.Single(results, r => r.Outcome == LeadAddOutcome.Added);
        Assert.All(results.Where(r => r.Outcome != LeadAddOutcome.Added), r =>
        {
            Assert.Equal(LeadAddOutcome.Duplicate, r.Outcome);
            Assert.Equal(added.Lead.Id, r.Lead.Id);
        });
        Assert.Equal(1, (await fixture.Leads.GetListAsync(list.Id))!.LeadCount);
    }

    [Fact]
    public async Task Add_UnderUpdate_MergesIntoTheLeadAlreadyThere_KeepingItsDialingState()
    {
        var list = await fixture.Leads.CreateListAsync("update", "US");
        var phone = GrainsCluster.NextPhone();
        var first = await fixture.Leads.AddAsync(new NewLead { ListId = list.Id, FirstName = "Ann", LastName = "Lee", Phone = phone, Tags = ["a"] }, phone, timeZone: null, duplicates: DuplicatePolicy.Skip);

        var second = await fixture.Leads.AddAsync(new NewLead { ListId = list.Id, FirstName = "Anne", Phone = phone, Tags = ["b"] }, phone, "America/Chicago", DuplicatePolicy.Update);

        Assert.Equal(LeadAddOutcome.Updated, second.Outcome);
        Assert.Equal(first.Lead.Id, second.Lead.Id);
        Assert.Equal(("Anne", "Lee", "America/Chicago"), (second.Lead.FirstName, second.Lead.LastName, second.Lead.TimeZone));
        Assert.Equal(["a", "b"], second.Lead.Tags);
        Assert.Equal(first.Lead.Status, second.Lead.Status);
    }

    [Fact]
    public async Task Add_ToAMissingList_IsAValidationError()
    {
        var phone = GrainsCluster.NextPhone();
        var ex = await Assert.ThrowsAsync<ContactCenter.Grains.Common.ValidationFailedException>(() =>
            fixture.Leads.AddAsync(new NewLead { ListId = 987654321, Phone = phone }, phone, timeZone: null, duplicates: DuplicatePolicy.Skip));
        Assert.Contains("listId", ex.Errors.Keys);
    }
}
