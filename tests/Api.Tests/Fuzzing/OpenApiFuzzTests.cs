using System.Diagnostics;
using ContactCenter.Api.Tests.Support;
using Xunit.Abstractions;

namespace ContactCenter.Api.Tests.Fuzzing;

/// <summary>
/// Issue 13: every operation of the served OpenAPI document gets hostile input (control characters,
/// numbers out of range, megabyte strings, blank ids, wrong types, broken JSON, broken uploads); no
/// answer may be a 5xx, every 4xx is problem details, every body is complete. Operations added later
/// are fuzzed as soon as they are in the document.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiFuzzTests(ApiServer server, ITestOutputHelper output)
{
    private const int Concurrency = 8;

    [Fact]
    public async Task EveryOperation_HostileInput_AnswersProblemDetailsNever5xx()
    {
        var clock = Stopwatch.StartNew();
        var api = ApiDescription.Parse(await server.Http.GetStringAsync("/openapi/v1.json"));
        Assert.NotEmpty(api.Operations);
        var targets = await FuzzTargets.CreateAsync(server.Http);
        var hostile = new HostileRequests(api, targets);
        var requests = api.Operations.SelectMany(hostile.For).ToList();

        // Deletions go last, so the fuzzer's own entities live while everything else is tried on them.
        var verdicts = new List<FuzzVerdict>();
        foreach (var phase in new[] { requests.Where(r => r.Operation.Method != "DELETE"), requests.Where(r => r.Operation.Method == "DELETE") })
        {
            var results = new System.Collections.Concurrent.ConcurrentBag<FuzzVerdict>();
            await Parallel.ForEachAsync(phase, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (request, ct) =>
                results.Add(await ResponseCheck.SendAsync(server.Http, request, ct)));
            verdicts.AddRange(results);
        }
        await targets.StopAsync(server.Http);

        var failures = verdicts.Where(v => v.Failure is not null).OrderBy(v => v.Request.Operation.Path).ThenBy(v => v.Request.Variant).ToList();
        output.WriteLine($"{verdicts.Count:N0} requests over {api.Operations.Count} operations in {clock.Elapsed.TotalSeconds:N1} s; "
            + string.Join(", ", verdicts.GroupBy(v => v.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count():N0}"))
            + $"; refused by Kestrel before the application (NUL in the path): {verdicts.Count(v => v.RefusedByKestrel)}");
        foreach (var group in failures.GroupBy(f => f.Request.Operation.ToString()))
            output.WriteLine($"{group.Key}: {group.Count()} failures");
        Assert.True(failures.Count == 0, $"{failures.Count} of {verdicts.Count} answers broke the rules:\n"
            + string.Join("\n", failures.Take(80).Select(f => $"{f.Request}: {f.Failure}")));
    }
}
