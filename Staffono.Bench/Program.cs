using BenchmarkDotNet.Running;
using Staffono.Bench.Load;

// dotnet run -c Release --project Staffono.Bench -- --filter '*'   micro benchmarks (BenchmarkDotNet)
// dotnet run -c Release --project Staffono.Bench -- load          HTTP load on the real host
// dotnet run -c Release --project Staffono.Bench -- outbox        100,000 due outbox messages to a loopback connector
// dotnet run -c Release --project Staffono.Bench -- directline-memory   a 10 MB conversation replayed by 20 WebSockets
// dotnet run -c Release --project Staffono.Bench -- first-message [--cold]   the first answer after a process start
if (args.Length > 0 && args[0] == "load")
{
    return await LoadCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "outbox")
{
    return await OutboxCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "first-message")
{
    return await FirstMessageCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "directline-memory")
{
    return await DirectLineMemoryCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(LoadCommand).Assembly).Run(args);
return 0;
