using Staffono.Bot;

StaffonoHost.Create(args).Run();
