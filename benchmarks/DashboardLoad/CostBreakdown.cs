using System.Diagnostics;
using System.Text.Json;
using ContactCenter.Api.Common;
using ContactCenter.Api.Dashboard;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>
/// Where a dashboard request's time goes, part by part: an authenticated request
/// that does nothing (HTTP, API key lookup, access check), the dashboard built in process (no HTTP)
/// and its pieces (the directory, the campaigns' snapshots, their stats), and its JSON.
/// </summary>
public static class CostBreakdown
{
    public static async Task<List<CostFigures>> MeasureAsync(ApiNode node, HttpClient supervisor, string floor, int repeats)
    {
        var services = node.Services;
        var grains = services.GetRequiredService<IGrainFactory>();
        var fanOut = services.GetRequiredService<GrainFanOut>();
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var directory = grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns);
        var ids = (await directory.ListAsync()).Select(e => e.Id).ToList();
        var campaigns = ids.Select(id => grains.GetGrain<ICampaignGrain>(id)).ToList();
        var dashboard = await DashboardApi.BuildAsync(grains, fanOut, TimeProvider.System);
        var hopper = services.GetRequiredService<ContactCenter.Grains.Pacing.HopperStore>();
        var listIds = (await Task.WhenAll(campaigns.Select(c => c.GetAsync()))).Select(c => (IReadOnlyList<long>)c.Definition.ListIds).ToList();

        return
        [
            await TimeAsync(floor, "GET /api/auth/me (HTTP, key lookup, access check)", repeats, async () =>
            {
                using var response = await supervisor.GetAsync("/api/auth/me");
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
            }),
            await TimeAsync(floor, "GET /api/dashboard", repeats, async () =>
            {
                using var response = await supervisor.GetAsync("/api/dashboard");
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
            }),
            await TimeAsync(floor, "DashboardApi.BuildAsync in process (no HTTP)", repeats, () => DashboardApi.BuildAsync(grains, fanOut, TimeProvider.System)),
            await TimeAsync(floor, "directory grain ListAsync", repeats, () => directory.ListAsync()),
            await TimeAsync(floor, $"{ids.Count} × campaign GetAsync, all at once", repeats, () => Task.WhenAll(campaigns.Select(c => c.GetAsync()))),
            await TimeAsync(floor, $"{ids.Count} × campaign GetStatsAsync, all at once", repeats, () => Task.WhenAll(campaigns.Select(c => c.GetStatsAsync()))),
            // What the first poll after a campaign's count went stale waits for (the campaigns count again every 2 s).
            await TimeAsync(floor, $"{ids.Count} × lead count of a campaign's lists (HopperStore.CountAsync), all at once", repeats,
                () => Task.WhenAll(listIds.Select(l => hopper.CountAsync(l)))),
            await TimeAsync(floor, "JSON of the dashboard", repeats, () =>
            {
                _ = JsonSerializer.SerializeToUtf8Bytes(dashboard, json);
                return Task.CompletedTask;
            }),
        ];
    }

    private static async Task<CostFigures> TimeAsync(string floor, string part, int repeats, Func<Task> action)
    {
        for (var i = 0; i < Math.Min(200, repeats); i++) await action();
        var times = new double[repeats];
        var cpuBefore = CpuClock.ProcessSeconds();
        for (var i = 0; i < repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var cpu = CpuClock.ProcessSeconds() - cpuBefore;
        var p = new Percentiles(times);
        return new CostFigures(floor, part, repeats, p.At(0.5), p.At(0.99), p.Max, cpu * 1000 / repeats);
    }
}
