using Microsoft.Extensions.Options;
using Staffono.Runtime;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Authentication;
using Staffono.Runtime.Connector;
using Staffono.Runtime.State;

namespace Staffono.Bot.Hosting;

/// <summary>Composes the protocol runtime: credentials, storage and state, authentication, connector, adapter.</summary>
public static class RuntimeHostingExtensions
{
    public static IHostApplicationBuilder AddStaffonoRuntime(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BotCredentialsOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new SqliteDatabase(options.DatabasePath, options.FlushEveryWrite);
        });
        services.AddSingleton<IStorage>(sp => new SqliteStorage(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton(sp => new ConversationState(sp.GetRequiredService<IStorage>()));
        services.AddSingleton(sp => new UserState(sp.GetRequiredService<IStorage>()));

        services.AddHttpClient("connector");
        services.AddHttpClient("openid-metadata");
        services.AddSingleton<IAccessTokenProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BotCredentialsOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            if (options.IsAnonymous)
            {
                return AnonymousTokenProvider.Instance;
            }

            return options.IsManagedIdentity
                ? new ManagedIdentityTokenProvider(options, timeProvider: time)
                : new ClientSecretTokenProvider(options, timeProvider: time);
        });
        services.AddSingleton(sp => new ConnectorClientFactory(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("connector"),
            sp.GetRequiredService<IAccessTokenProvider>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRequestAuthenticator>(sp => new BotRequestAuthenticator(
            sp.GetRequiredService<IOptions<BotCredentialsOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("openid-metadata"),
            sp.GetRequiredService<ILogger<BotRequestAuthenticator>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new TurnErrorHandler(
            sp.GetRequiredService<ConversationState>(),
            sp.GetRequiredService<ILogger<TurnErrorHandler>>(),
            sp.GetService<ITurnRecovery>()));
        services.AddSingleton(sp =>
        {
            var adapter = new ChannelAdapter(
                sp.GetRequiredService<IRequestAuthenticator>(),
                sp.GetRequiredService<ConnectorClientFactory>(),
                sp.GetRequiredService<ILogger<ChannelAdapter>>());
            return ConfigureTurns(adapter, sp);
        });
        return builder;
    }

    /// <summary>What every adapter's turns share: state saved at turn end, and the one error handler.</summary>
    public static TAdapter ConfigureTurns<TAdapter>(TAdapter adapter, IServiceProvider services)
        where TAdapter : BotAdapter
    {
        var errors = services.GetRequiredService<TurnErrorHandler>();
        adapter.Use(new AutoSaveStateMiddleware(services.GetRequiredService<ConversationState>(), services.GetRequiredService<UserState>()));
        // Inside the auto-save, so a turn that went well saves the cleared failure count with everything else.
        adapter.Use(errors);
        adapter.OnTurnError = errors.HandleAsync;
        return adapter;
    }
}
