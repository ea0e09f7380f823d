using ContactCenter.Benchmarks.DashboardLoad;

// GET /api/dashboard and GET /api/events on a floor of 1,000 agents and 50 campaigns:
//   dotnet run -c Release --project benchmarks/DashboardLoad -- [--agents 1000] [--campaigns 50] [--requests 3000] [--concurrency 1,8,32]
//   more: [--warmup 500] [--leads 1000] [--changes 200] [--cadence-seconds 20] [--breakdown 1000] [--ring 1] [--talk 5] [--wrapup 1]
// Results and how to read them: benchmarks/README.md, "Dialer Dashboard (1,000 agents, 50 campaigns)".
var settings = DashboardSettings.Parse(args);
var report = await DashboardRun.ExecuteAsync(settings);
report.Print(Console.Out);
