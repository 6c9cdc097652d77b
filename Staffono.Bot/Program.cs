using Microsoft.Extensions.Options;
using Staffono.Bot;
using Staffono.Bot.Cli;
using Staffono.Skills.Business;

if (args is ["eval", .. var evalArgs])
{
    return EvalCommand.Run(evalArgs, Console.Out, Console.Error);
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
