using ContactCenter.Benchmarks.DialerLoad;

// End-to-end load run of the Auto dialer on the simulated carrier:
//   dotnet run -c Release --project benchmarks/DialerLoad -- [--agents 500] [--leads 200000] [--seconds 60]
var settings = LoadSettings.Parse(args);
var report = await LoadRun.ExecuteAsync(settings);
report.Print(Console.Out);
