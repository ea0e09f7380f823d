using ContactCenter.Benchmarks.ClusterLoad;

// Auto (and Broadcast) campaigns spread by Orleans over N real silo processes on one PostgreSQL:
//   dotnet run -c Release --project benchmarks/ClusterLoad -- --silos 3 [--agents 3000] [--campaigns 6] [--leads 200000] [--seconds 60] [--broadcast-leads 20000]
var settings = ClusterSettings.Parse(args);
var report = await ClusterRun.ExecuteAsync(settings);
report.Print(Console.Out);
