using System.Text.Json;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;

namespace Staffono.Dialogs.Handoff.Teams;

/// <summary>
/// Knows the operators' Teams channel: the one configured (Handoff:Teams), or the one learnt when the app
/// was added to a team (its General channel), kept in storage so a restart remembers it. The service URL
/// Teams last sent from wins over the configured default, as Teams asks.
/// </summary>
public sealed class TeamsChannelDirectory(IStorage storage, TeamsOperatorOptions options, string? appId)
{
    private const string Key = "staffono/operators/teams-channel";
    private TeamsTarget? _learnt;
    private bool _loaded;

    /// <summary>Where cards go now; null when Teams is neither configured nor has the app been added to a team.</summary>
    public async Task<TeamsTarget?> GetAsync(CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            var items = await storage.ReadAsync([Key], cancellationToken);
            _learnt = items.TryGetValue(Key, out var item) ? JsonSerializer.Deserialize<TeamsTarget>(item.Json) : null;
            _loaded = true;
        }

        var botId = _learnt?.BotId ?? "28:" + (appId ?? "staffono");
        if (options.IsConfigured)
        {
            return new TeamsTarget(_learnt?.ServiceUrl ?? options.ServiceUrl, options.TenantId!, options.ChannelId!, botId);
        }

        return _learnt;
    }

    /// <summary>
    /// Reads a Teams conversationUpdate: when it says this app was added to a team, that team's channel becomes
    /// the operators' channel and its service URL the one to use — only the first team, and never over a configured
    /// channel (then only the configured tenant's service URL is learnt). Tickets carry customers' words: whoever adds
    /// the app to another team later must not receive them. True when it learnt something.
    /// </summary>
    public async Task<bool> LearnAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        await GetAsync(cancellationToken);
        var botAdded = activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true;
        var tenant = activity.GetChannelDataString("tenant.id") ?? activity.Conversation?.TenantId;
        var channel = activity.GetChannelDataString("channel.id") ?? activity.GetChannelDataString("team.id");
        if (!botAdded || tenant is null || channel is null || activity.ServiceUrl is null || activity.Recipient?.Id is not { } botId
            || (options.IsConfigured ? tenant != options.TenantId : _learnt is not null))
        {
            return false;
        }

        _learnt = new TeamsTarget(activity.ServiceUrl, tenant, channel, botId);
        _loaded = true;
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [Key] = new(JsonSerializer.Serialize(_learnt), StoreItem.AnyETag) }, cancellationToken);
        return true;
    }
}
