using Microsoft.Extensions.Options;
using Staffono.Bot;
using Staffono.Bot.Cli;
using Staffono.Skills.Business;

if (args is ["eval", .. var evalArgs])
{
    return EvalCommand.Run(evalArgs, Console.Out, Console.Error);
}

// export-leads [file] [--Setting=value ...]: the leads of the configured data folder as CSV, composed like the bot but not run.
var exportLeads = args is ["export-leads", ..];
var settings = exportLeads ? args[1..].Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray() : args;

WebApplication app;
try
{
    app = StaffonoHost.Create(settings);
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

if (exportLeads)
{
    await using (app)
    {
        if (app.Services.GetService<Staffono.Skills.Leads.ILeadStore>() is not { } store)
        {
            Console.Error.WriteLine("This business takes no leads: name a leads file in the profile (leads: demo-leads.yaml).");
            return 2;
        }

        return await Staffono.Bot.Leads.LeadsCsv.RunAsync(store, args[1..].FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)), Console.Out);
    }
}

app.Run();
return 0;
