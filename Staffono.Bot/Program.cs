using Staffono.Bot;
using Staffono.Bot.Cli;

if (args is ["eval", .. var evalArgs])
{
    return EvalCommand.Run(evalArgs, Console.Out, Console.Error);
}

StaffonoHost.Create(args).Run();
return 0;
