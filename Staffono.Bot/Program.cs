using Microsoft.Extensions.Options;
using Staffono.Bot;
using Staffono.Bot.Cli;
using Staffono.Skills.Business;

if (args is ["eval", .. var evalArgs])
{
    return EvalCommand.Run(evalArgs, Console.Out, Console.Error);
}

if (args is ["export-leads", .. var exportArgs])
{
    // The leads of the configured data folder as CSV: to the file named, or to standard output.
    await using var host = StaffonoHost.Create(exportArgs.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray());
    var store = host.Services.GetService<Staffono.Skills.Leads.ILeadStore>();
    if (store is null)
    {
        Console.Error.WriteLine("This business takes no leads: name a leads file in the profile (leads: demo-leads.yaml).");
        return 2;
    }

    return await Staffono.Bot.Leads.LeadsCsv.RunAsync(store, exportArgs.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)), Console.Out);
}

WebApplication app;
try
{
    app = StaffonoHost.Create(args);
}
catch (BusinessProfileException ex)
{
    // One line an owner can act on ("profile.yaml:23: services[0].price.to: ..."), no stack trace.
    Console.Error.WriteLine(ex.Message);
    return 2;
}
catch (OptionsValidationException ex)
{
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine(failure);
    }

    return 2;
}

app.Run();
return 0;
